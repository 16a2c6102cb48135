package org.deskplane.rest.api;

import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

import org.deskplane.security.api.Session;
import org.osgi.annotation.versioning.ProviderType;

/** A request as a route handler sees it. */
@ProviderType
public interface ApiRequest {

    String method();

    /** The path below {@code /api}, e.g. {@code /bundles/12/start}. */
    String path();

    /** A value matched by a {@code {name}} segment of the route template. */
    String pathParam(String name);

    Optional<String> query(String name);

    Optional<String> header(String name);

    /** The caller; empty only on public routes. */
    Optional<Session> session();

    /** Convenience: the caller's user name, or {@code "anonymous"}. */
    default String actor() {
        return session().map(Session::username).orElse("anonymous");
    }

    String remoteAddress();

    /** The raw body; its size is capped by the server (see {@link ApiException} 413). */
    InputStream body() throws IOException;

    /** The body parsed from JSON; a malformed body gives a 400 problem. */
    <T> T bodyAs(Class<T> type);
}
