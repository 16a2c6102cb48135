package org.deskplane.delivery.ui.tests;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.deskplane.rest.api.ApiException;
import org.deskplane.rest.api.ApiResource;
import org.deskplane.rest.api.ApiResult;
import org.deskplane.rest.api.Route;
import org.deskplane.rest.testing.FakeApiRequest;
import org.deskplane.security.api.Role;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A plain-HTTP loopback front for the real {@code delivery} ApiResource registered in the test framework: a login
 * that always gives an ADMIN token, then route matching, role check and JSON / problem answers the way the server's
 * dispatcher does them. It stands in for the server product, which has no delivery engine yet (see README.md).
 * Everything else answers 404 like a server without that feature.
 */
final class ApiFront implements AutoCloseable {

    static final String TOKEN = "delivery-ui-test-token";
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .setSerializationInclusion(JsonInclude.Include.NON_NULL);

    private final HttpServer server;
    private final ApiResource resource;

    ApiFront(ApiResource resource) throws IOException {
        this.resource = resource;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::serve);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getRawPath();
            String method = exchange.getRequestMethod();
            byte[] body = exchange.getRequestBody().readAllBytes();
            if (path.equals("/api/auth/login") && method.equals("POST")) {
                json(exchange, 200, Map.of("token", TOKEN, "username", "admin", "role", "ADMIN", "expiresAt",
                        Instant.now().plusSeconds(3600).toString()));
                return;
            }
            if (path.equals("/api/auth/logout")) {
                exchange.sendResponseHeaders(204, -1);
                return;
            }
            if (!("Bearer " + TOKEN).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                problem(exchange, 401, "Unauthorized", "log in first");
                return;
            }
            String apiPath = path.startsWith("/api") ? path.substring(4) : path;
            for (Route route : resource.routes()) {
                Map<String, String> params = match(route.path(), apiPath);
                if (params == null || !route.method().equals(method)) {
                    continue;
                }
                FakeApiRequest request = new FakeApiRequest(method, apiPath).as("admin", Role.ADMIN).body(body);
                params.forEach(request::pathParam);
                query(exchange.getRequestURI().getRawQuery()).forEach(request::query);
                exchange.getRequestHeaders().forEach((name, values) -> request.header(name, values.get(0)));
                answer(exchange, route, request);
                return;
            }
            problem(exchange, 404, "Not found", "no route " + method + " " + path);
        }
    }

    private void answer(HttpExchange exchange, Route route, FakeApiRequest request) throws IOException {
        ApiResult result;
        try {
            result = route.handler().handle(request);
        } catch (ApiException e) {
            problem(exchange, e.status(), e.title(), e.detail());
            return;
        } catch (Exception e) {
            problem(exchange, 500, "Internal error", String.valueOf(e));
            return;
        }
        result.headers().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
        if (result.status() == 204) {
            exchange.sendResponseHeaders(204, -1);
        } else if (result.writer() != null) {
            exchange.getResponseHeaders().set("Content-Type", result.contentType());
            exchange.sendResponseHeaders(result.status(), 0);
            try (OutputStream out = exchange.getResponseBody()) {
                result.writer().writeTo(out);
            }
        } else {
            json(exchange, result.status(), result.json());
        }
    }

    private static Map<String, String> match(String template, String path) {
        String[] t = template.split("/");
        String[] p = path.split("/");
        if (t.length != p.length) {
            return null;
        }
        Map<String, String> params = new LinkedHashMap<>();
        for (int i = 0; i < t.length; i++) {
            if (t[i].startsWith("{") && t[i].endsWith("}")) {
                params.put(t[i].substring(1, t[i].length() - 1), URLDecoder.decode(p[i], StandardCharsets.UTF_8));
            } else if (!t[i].equals(p[i])) {
                return null;
            }
        }
        return params;
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> out = new LinkedHashMap<>();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    out.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
        }
        return out;
    }

    private static void json(HttpExchange exchange, int status, Object value) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(value);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private static void problem(HttpExchange exchange, int status, String title, String detail) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(Map.of("type", "about:blank", "title", title, "status", status,
                "detail", detail == null ? "" : detail));
        exchange.getResponseHeaders().set("Content-Type", "application/problem+json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    static List<String> routesOf(ApiResource resource) {
        return resource.routes().stream().map(r -> r.method() + " " + r.path()).toList();
    }
}
