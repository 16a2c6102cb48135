package org.deskplane.delivery.ui.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import org.deskplane.client.ServerConnection;
import org.deskplane.client.ServerException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Requests below the connection's {@code /api} with its bearer token; error answers become {@link ServerException}s
 * that say the server's problem (the delivery reason name is the problem's title).
 */
final class DeliveryHttp {

    /** A deployment with thousands of VMs is far smaller; anything bigger is refused. */
    static final int MAX_ANSWER_BYTES = 8 * 1024 * 1024;
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final ServerConnection connection;
    private final URI api;
    private final HttpClient http;
    private final ObjectMapper json = new ObjectMapper();

    DeliveryHttp(ServerConnection connection) {
        this.connection = connection;
        this.api = URI.create(connection.baseUrl().toString().replaceAll("/+$", "") + "/api");
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(20));
        if (connection.certificate() != null) {
            builder.sslContext(PinnedTls.context(connection.certificate().sha256Fingerprint()));
        }
        this.http = builder.build();
    }

    ObjectMapper json() {
        return json;
    }

    /** Lets requests under way finish without waiting for them (called on the UI thread at logout). */
    void shutdown() {
        http.shutdown();
    }

    static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    JsonNode get(String path) {
        return send("GET", path, null, null, Map.of());
    }

    JsonNode sendJson(String method, String path, Object body) {
        try {
            return send(method, path, body == null ? null
                    : HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body)),
                    body == null ? null : "application/json", Map.of());
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot write the request as JSON: " + e.getMessage(), e);
        }
    }

    /** Sends and parses the JSON answer (null for 204); an error answer throws with the server's problem. */
    JsonNode send(String method, String path, BodyPublisher body, String contentType, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(api + path)).timeout(TIMEOUT)
                .header("Accept", "application/json, application/problem+json")
                .header("Authorization", "Bearer " + connection.session().token())
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : body);
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        headers.forEach(request::header);
        int status;
        byte[] answer;
        try {
            HttpResponse<InputStream> response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            status = response.statusCode();
            try (InputStream in = response.body()) {
                answer = in.readNBytes(MAX_ANSWER_BYTES + 1);
            }
        } catch (IOException e) {
            throw new ServerException(0, "Unreachable", e.getMessage(), "Cannot reach " + api + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServerException(0, "Interrupted", null, method + " " + path + " was interrupted", e);
        }
        if (answer.length > MAX_ANSWER_BYTES) {
            throw new ServerException(status, "Too large", null, method + " /api" + path + " answered more than "
                    + MAX_ANSWER_BYTES + " bytes; refused", null);
        }
        JsonNode node = parse(answer);
        if (status >= 300) {
            throw problem(method, path, status, node);
        }
        return node;
    }

    private JsonNode parse(byte[] answer) {
        if (answer.length == 0) {
            return null;
        }
        try {
            return json.readTree(answer);
        } catch (IOException e) {
            return null;
        }
    }

    private static ServerException problem(String method, String path, int status, JsonNode node) {
        String title = node == null ? "HTTP " + status : node.path("title").asText("HTTP " + status);
        String detail = node == null ? "" : node.path("detail").asText("");
        String said = title + (detail.isEmpty() ? "" : ": " + detail);
        return new ServerException(status, title, detail,
                "The server refused " + method + " /api" + path + " (" + status + "): " + said, null);
    }
}
