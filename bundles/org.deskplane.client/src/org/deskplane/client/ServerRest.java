package org.deskplane.client;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

import org.osgi.annotation.versioning.ProviderType;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Plain REST calls below the server's {@code /api}, made with the logged-in connection's bearer token over the TLS it
 * trusted at login (the same HTTP client): for workbench parts whose routes have no remote service interface here
 * (extension modules, software delivery). Blocking: never call it on the UI thread.
 * <p>
 * Every error answer throws a {@link ServerException} that says what was asked and what the server's problem details
 * said (the problem's title is the exception's {@code title()}); answers are read up to a size limit.
 *
 * @since 1.5
 */
@ProviderType
public interface ServerRest {

    /**
     * {@code GET /api<path>}; the JSON answer.
     *
     * @param path below {@code /api}, starting with {@code /}, query included; values put in with
     *             {@link #segment(String)}
     */
    JsonNode get(String path);

    /**
     * Sends {@code jsonBody} (null for none) as JSON and returns the JSON answer, or null when the answer has no body
     * (204).
     */
    JsonNode send(String method, String path, Object jsonBody);

    /**
     * Streams {@code file} as the request body (with {@code headers}, e.g. a digest the server checks) and returns the
     * JSON answer, or null when it has none.
     *
     * @throws IOException when the file cannot be read
     */
    JsonNode upload(String method, String path, Path file, String contentType, Map<String, String> headers)
            throws IOException;

    /** Percent-encodes a value for one path segment or query value (a space is {@code %20}, never {@code +}). */
    static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
