package org.deskplane.client.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import javax.net.ssl.SSLException;

import org.deskplane.client.ServerException;
import org.deskplane.client.UntrustedCertificateException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Sends requests below {@code <base>/api}, adds the bearer token, reads answers up to a size limit, and turns
 * error answers into {@link ServerException}s carrying the server's problem details.
 */
final class RestClient implements AutoCloseable {

    /** Largest answer read: a bundle list or an audit page is far smaller; anything bigger is refused. */
    static final int MAX_ANSWER_BYTES = 16 * 1024 * 1024;
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);

    private final URI api;
    private final HttpClient http;
    private final ChosenTrustManager trustManager;
    private final ObjectMapper json = new ObjectMapper();
    private volatile String token;

    RestClient(URI base, HttpClient http, ChosenTrustManager trustManager) {
        this.api = URI.create(base + "/api");
        this.http = http;
        this.trustManager = trustManager;
    }

    ObjectMapper json() {
        return json;
    }

    void token(String bearerToken) {
        this.token = bearerToken;
    }

    String token() {
        return token;
    }

    JsonNode getJson(String path) {
        return parse("GET", path, expectSuccess("GET", path, send("GET", path, null, null)));
    }

    JsonNode sendJson(String method, String path, Object body) {
        BodyPublisher publisher = body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(writeJson(body));
        Reply reply = expectSuccess(method, path, send(method, path, publisher, body == null ? null
                : "application/json"));
        return reply.body().length == 0 ? null : parse(method, path, reply);
    }

    /** Sends a raw body (e.g. a jar) and reads the JSON answer; error answers throw. */
    JsonNode expectAndParse(String method, String path, BodyPublisher body, String contentType) {
        return parse(method, path, expectSuccess(method, path, send(method, path, body, contentType)));
    }

    /** Sends and returns whatever came back, error answers included. Only transport failures throw. */
    Reply send(String method, String path, BodyPublisher body, String contentType) {
        return send(method, path, body, contentType, Map.of());
    }

    /** As {@link #send(String, String, BodyPublisher, String)}, with extra request headers (e.g. Range). */
    Reply send(String method, String path, BodyPublisher body, String contentType, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(api + path)).timeout(REQUEST_TIMEOUT)
                .header("Accept", "application/json, application/problem+json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : body);
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        headers.forEach(request::header);
        String bearer = token;
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        try {
            HttpResponse<InputStream> response = http.send(request.build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            return new Reply(response.statusCode(), response.headers(), readBounded(response.body()));
        } catch (SSLException e) {
            if (trustManager.presented() != null) {
                throw new UntrustedCertificateException(trustManager.presented(),
                        "The server " + api.getHost() + " presented a certificate that is not trusted: "
                                + e.getMessage() + ". Check its SHA-256 fingerprint "
                                + trustManager.presented().sha256Fingerprint() + " and trust it to connect.",
                        e);
            }
            throw new ServerException(0, "TLS failure", e.getMessage(),
                    "Secure connection to " + api + " failed: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new ServerException(0, "Unreachable", e.getMessage(),
                    "Cannot reach the server at " + api + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServerException(0, "Interrupted", null, method + " " + path + " was interrupted", e);
        }
    }

    /** Throws the server's problem as a {@link ServerException} unless the answer is a success. */
    Reply expectSuccess(String method, String path, Reply reply) {
        if (reply.success()) {
            return reply;
        }
        Problem problem = Problem.of(reply, json);
        throw new ServerException(reply.status(), problem.title(), problem.detail(),
                problem.describe(method + " /api" + path), null);
    }

    JsonNode parse(String method, String path, Reply reply) {
        try {
            return json.readTree(reply.body());
        } catch (IOException e) {
            throw new ServerException(reply.status(), "Unreadable answer", e.getMessage(),
                    method + " /api" + path + " answered something that is not JSON: " + e.getMessage(), e);
        }
    }

    private byte[] writeJson(Object body) {
        try {
            return json.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot write request as JSON: " + e.getMessage(), e);
        }
    }

    private static byte[] readBounded(InputStream in) throws IOException {
        try (in) {
            byte[] bytes = in.readNBytes(MAX_ANSWER_BYTES + 1);
            if (bytes.length > MAX_ANSWER_BYTES) {
                throw new IOException("the answer is larger than " + MAX_ANSWER_BYTES + " bytes; refused");
            }
            return bytes;
        }
    }

    static String text(byte[] body) {
        return new String(body, StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        http.close();
    }
}
