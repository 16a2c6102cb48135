package org.deskplane.layers.client.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.deskplane.layers.api.ActivityReport;
import org.deskplane.layers.api.Binding;
import org.deskplane.layers.api.CvdConflictException;
import org.deskplane.layers.api.CvdVersion;
import org.deskplane.layers.api.EndpointInfo;
import org.deskplane.layers.api.EndpointStatus;
import org.deskplane.layers.api.FencedException;
import org.deskplane.layers.api.Layer;
import org.deskplane.layers.api.LayerException;
import org.deskplane.layers.api.LayerManifest;
import org.deskplane.layers.api.MasterState;
import org.deskplane.layers.api.PublishRequest;
import org.deskplane.tls.PinnedTrust;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The server's layer routes ({@code docs/layers-rest.md}) over HTTPS. Signs in with the endpoint's account and
 * signs in again when the token expires. Server refusals become {@link LayerException}s with the server's words.
 */
final class RestServerLink implements ServerLink {

    private static final Duration CALL = Duration.ofSeconds(60);

    private final ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private final URI api;
    private final String user;
    private final char[] password;
    private final HttpClient http;
    private volatile String token;

    RestServerLink(URI server, String user, char[] password, String fingerprint) throws GeneralSecurityException {
        this.api = URI.create(server.toString().replaceAll("/+$", "") + "/api");
        this.user = user;
        this.password = password.clone();
        this.http = HttpClient.newBuilder().sslContext(PinnedTrust.context(fingerprint)).connectTimeout(Duration.ofSeconds(10)).build();
    }

    @Override
    public Binding register(EndpointInfo endpoint) throws IOException, LayerException {
        return read(call("POST", "/layers/endpoints", body(endpoint), CALL), Binding.class);
    }

    @Override
    public long head(String cvdId, long after, int waitSeconds) throws IOException, LayerException {
        JsonNode answer = json.readTree(call("GET", "/layers/cvds/" + enc(cvdId) + "/head?after=" + after + "&waitSeconds=" + waitSeconds,
                null, CALL.plusSeconds(waitSeconds)).body());
        return answer.path("head").asLong();
    }

    @Override
    public CvdVersion version(String cvdId, long number) throws IOException, LayerException {
        return read(call("GET", "/layers/cvds/" + enc(cvdId) + "/versions/" + number, null, CALL), CvdVersion.class);
    }

    @Override
    public LayerManifest manifest(String cvdId, long number, Layer layer) throws IOException, LayerException {
        return read(call("GET", "/layers/cvds/" + enc(cvdId) + "/versions/" + number + "/layers/" + layer, null, CALL),
                LayerManifest.class);
    }

    @Override
    public Set<String> missingChunks(Collection<String> ids) throws IOException, LayerException {
        Set<String> missing = new LinkedHashSet<>();
        List<String> all = List.copyOf(new LinkedHashSet<>(ids));
        for (int from = 0; from < all.size(); from += 10_000) { // the route takes at most 10,000 ids a call
            List<String> part = all.subList(from, Math.min(all.size(), from + 10_000));
            JsonNode answer = json.readTree(call("POST", "/layers/chunks/missing", body(Map.of("ids", part)), CALL).body());
            answer.path("missing").forEach(id -> missing.add(id.asText()));
        }
        return missing;
    }

    @Override
    public void putChunk(String id, byte[] data, int offset, int length) throws IOException, LayerException {
        HttpRequest.Builder request = request("/layers/chunks/" + id, CALL).header("Content-Type", "application/octet-stream")
                .PUT(BodyPublishers.ofByteArray(data, offset, length));
        send(request, "PUT /layers/chunks/" + id);
    }

    @Override
    public InputStream chunk(String id) throws IOException, LayerException {
        for (int attempt = 0;; attempt++) {
            HttpResponse<InputStream> response = sendRaw(request("/layers/chunks/" + id, CALL).GET(), BodyHandlers.ofInputStream());
            if (response.statusCode() == 401 && attempt == 0) {
                response.body().close();
                token = null;
                continue;
            }
            if (response.statusCode() != 200) {
                String text;
                try (InputStream in = response.body()) {
                    text = new String(in.readNBytes(64 * 1024), StandardCharsets.UTF_8);
                }
                throw refusal(response.statusCode(), text, "GET chunk " + id);
            }
            return response.body();
        }
    }

    @Override
    public CvdVersion publish(String cvdId, PublishRequest publish) throws IOException, LayerException {
        return read(call("POST", "/layers/cvds/" + enc(cvdId) + "/publish", body(publish), CALL), CvdVersion.class);
    }

    @Override
    public MasterState activity(String cvdId, ActivityReport report) throws IOException, LayerException {
        return read(call("POST", "/layers/cvds/" + enc(cvdId) + "/activity", body(report), CALL), MasterState.class);
    }

    @Override
    public MasterState snapshotTaken(String cvdId, String endpointId, long version) throws IOException, LayerException {
        return read(call("POST", "/layers/cvds/" + enc(cvdId) + "/master/snapshot",
                body(Map.of("endpointId", endpointId, "version", version)), CALL), MasterState.class);
    }

    @Override
    public MasterState handedOver(String cvdId, String endpointId, long token) throws IOException, LayerException {
        return read(call("POST", "/layers/cvds/" + enc(cvdId) + "/master/handover",
                body(Map.of("endpointId", endpointId, "token", token)), CALL), MasterState.class);
    }

    @Override
    public MasterState pulled(String cvdId, String endpointId, long token) throws IOException, LayerException {
        return read(call("POST", "/layers/cvds/" + enc(cvdId) + "/master/pulled",
                body(Map.of("endpointId", endpointId, "token", token)), CALL), MasterState.class);
    }

    @Override
    public void reportStatus(EndpointStatus status) throws IOException, LayerException {
        call("POST", "/layers/endpoints/" + enc(status.endpointId()) + "/status", body(status), CALL);
    }

    private byte[] body(Object value) throws IOException {
        return json.writeValueAsBytes(value);
    }

    private <T> T read(HttpResponse<byte[]> response, Class<T> type) throws IOException {
        return json.readValue(response.body(), type);
    }

    private HttpResponse<byte[]> call(String method, String path, byte[] body, Duration timeout) throws IOException, LayerException {
        HttpRequest.Builder request = request(path, timeout).header("Accept", "application/json");
        if (body != null) {
            request.header("Content-Type", "application/json").method(method, BodyPublishers.ofByteArray(body));
        } else {
            request.method(method, BodyPublishers.noBody());
        }
        return send(request, method + " " + path);
    }

    private HttpResponse<byte[]> send(HttpRequest.Builder request, String what) throws IOException, LayerException {
        for (int attempt = 0;; attempt++) {
            HttpResponse<byte[]> response = sendRaw(request.copy(), BodyHandlers.ofByteArray());
            if (response.statusCode() == 401 && attempt == 0) {
                token = null; // expired: sign in again once
                continue;
            }
            if (response.statusCode() / 100 != 2) {
                throw refusal(response.statusCode(), new String(response.body(), StandardCharsets.UTF_8), what);
            }
            return response;
        }
    }

    private <T> HttpResponse<T> sendRaw(HttpRequest.Builder request, HttpResponse.BodyHandler<T> handler) throws IOException {
        request.setHeader("Authorization", "Bearer " + token());
        try {
            return http.send(request.build(), handler);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while talking to the server");
        }
    }

    private HttpRequest.Builder request(String path, Duration timeout) {
        return HttpRequest.newBuilder(URI.create(api + path)).timeout(timeout);
    }

    private String token() throws IOException {
        String current = token;
        if (current != null) {
            return current;
        }
        byte[] login = json.writeValueAsBytes(Map.of("username", user, "password", new String(password)));
        HttpRequest request = HttpRequest.newBuilder(URI.create(api + "/auth/login")).timeout(CALL)
                .header("Content-Type", "application/json").POST(BodyPublishers.ofByteArray(login)).build();
        try {
            HttpResponse<byte[]> response = http.send(request, BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                throw new IOException("the server refused the endpoint's sign-in as " + user + " (" + response.statusCode() + "): "
                        + detail(new String(response.body(), StandardCharsets.UTF_8)));
            }
            current = json.readTree(response.body()).path("token").asText();
            token = current;
            return current;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while signing in");
        }
    }

    private LayerException refusal(int status, String body, String what) {
        String title = "";
        String detail = body;
        try {
            JsonNode problem = json.readTree(body);
            title = problem.path("title").asText("");
            detail = problem.path("detail").asText(body);
        } catch (IOException | RuntimeException notJson) {
            // keep the raw body
        }
        if (status == 409 && title.equalsIgnoreCase("Stale master")) {
            return new FencedException(detail);
        }
        if (status == 409) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("head=(\\d+)").matcher(detail);
            return new CvdConflictException(detail, m.find() ? Long.parseLong(m.group(1)) : -1);
        }
        return new LayerException(what + " → " + status + " " + title + ": " + detail);
    }

    private String detail(String body) {
        try {
            return json.readTree(body).path("detail").asText(body);
        } catch (IOException | RuntimeException e) {
            return body;
        }
    }

    private static String enc(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
