package org.deskplane.rest.api;

import java.util.Objects;

import org.deskplane.security.api.Role;

/**
 * One endpoint: an HTTP method and a path template below {@code /api} (e.g. {@code /bundles/{id}/start}).
 *
 * @param method      GET, POST, PUT, DELETE …
 * @param path        template; {@code {name}} matches one path segment
 * @param minimumRole the weakest role allowed to call it; {@code null} makes the route public (health only)
 * @param summary     one line for the OpenAPI document
 * @param handler     what serves it
 */
public record Route(String method, String path, Role minimumRole, String summary, Handler handler) {

    public Route {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(handler, "handler");
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("route path must start with '/': " + path);
        }
        method = method.toUpperCase(java.util.Locale.ROOT);
    }

    public static Route get(String path, Role role, String summary, Handler handler) {
        return new Route("GET", path, role, summary, handler);
    }

    public static Route post(String path, Role role, String summary, Handler handler) {
        return new Route("POST", path, role, summary, handler);
    }

    public static Route put(String path, Role role, String summary, Handler handler) {
        return new Route("PUT", path, role, summary, handler);
    }

    public static Route delete(String path, Role role, String summary, Handler handler) {
        return new Route("DELETE", path, role, summary, handler);
    }
}
