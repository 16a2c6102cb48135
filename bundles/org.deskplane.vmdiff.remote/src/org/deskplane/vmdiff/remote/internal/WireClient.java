package org.deskplane.vmdiff.remote.internal;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.deskplane.tls.PinnedTrust;
import org.deskplane.vmdiff.api.DifferenceException.Kind;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The HTTP calls of a host to its server: signs in with the host's account (again when the token expired), gives
 * every call a deadline for the whole answer (a server that stops answering mid-body cannot hang a host), bounds
 * every answer's size, and turns refusals into {@link WireFailure}s with the server's difference kind.
 */
final class WireClient {
    static final ObjectMapper JSON = new ObjectMapper();

    record Answer(int status, HttpHeaders headers, byte[] body) {
    }

    private final URI server;
    private final URI api;
    private final String user;
    private final char[] password;
    private final Duration call;
    private final HttpClient http;
    private volatile String token;

    WireClient(URI server, String user, char[] password, String fingerprint, Duration connect, Duration call)
            throws GeneralSecurityException {
        this.server = server;
        this.api = URI.create(server.toString().replaceAll("/+$", "") + "/api");
        this.user = user;
        this.password = password.clone();
        this.call = call;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(connect)
                .sslContext(PinnedTrust.context(fingerprint)).build();
    }

    URI server() {
        return server;
    }

    static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    Answer get(String path, Map<String, String> headers, long maxAnswer) throws WireFailure {
        HttpRequest.Builder request = request(path).GET();
        headers.forEach(request::header);
        return send(request, "GET " + path, maxAnswer);
    }

    Answer get(String path, long maxAnswer) throws WireFailure {
        return get(path, Map.of(), maxAnswer);
    }

    Answer post(String path, String contentType, byte[] body, long maxAnswer) throws WireFailure {
        HttpRequest.Builder request = request(path).header("Content-Type", contentType).POST(BodyPublishers.ofByteArray(body));
        return send(request, "POST " + path, maxAnswer);
    }

    Answer postJson(String path, Object body, long maxAnswer) throws WireFailure {
        try {
            return post(path, "application/json", JSON.writeValueAsBytes(body), maxAnswer);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write " + body + " as JSON", e);
        }
    }

    static JsonNode json(Answer answer) throws WireFailure {
        try {
            return JSON.readTree(answer.body());
        } catch (IOException e) {
            throw new WireFailure(answer.status(), Kind.CORRUPT, "the server's answer is not JSON: " + e.getMessage(), e);
        }
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(api + path)).timeout(call);
    }

    private Answer send(HttpRequest.Builder request, String what, long maxAnswer) throws WireFailure {
        for (int attempt = 0;; attempt++) {
            request.setHeader("Authorization", "Bearer " + token(false));
            Answer answer = exchange(request.copy().build(), what, maxAnswer);
            if (answer.status() == 401 && attempt == 0) {
                token = null; // the token expired (or the server restarted): sign in once more
                continue;
            }
            if (answer.status() / 100 != 2) {
                throw refusal(answer, what);
            }
            return answer;
        }
    }

    /** One exchange with a deadline for the whole answer, headers and body. */
    private Answer exchange(HttpRequest request, String what, long maxAnswer) throws WireFailure {
        CompletableFuture<HttpResponse<byte[]>> pending = http.sendAsync(request, BoundedBody.handler(maxAnswer));
        try {
            HttpResponse<byte[]> response = pending.get(call.toMillis() + 1000, TimeUnit.MILLISECONDS);
            return new Answer(response.statusCode(), response.headers(), response.body());
        } catch (TimeoutException e) {
            pending.cancel(true);
            throw WireFailure.unreachable(what + ": " + server + " did not answer within " + call.toSeconds() + " s", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw WireFailure.unreachable(what + ": " + server + " cannot be reached (" + cause.getClass().getSimpleName()
                    + (cause.getMessage() == null ? "" : ": " + cause.getMessage()) + ")", cause);
        } catch (InterruptedException e) {
            pending.cancel(true);
            Thread.currentThread().interrupt();
            throw WireFailure.unreachable(what + ": interrupted", e);
        }
    }

    private String token(boolean fresh) throws WireFailure {
        String current = token;
        if (current != null && !fresh) {
            return current;
        }
        byte[] login;
        try {
            login = JSON.writeValueAsBytes(Map.of("username", user, "password", new String(password)));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        HttpRequest request = HttpRequest.newBuilder(URI.create(api + "/auth/login")).timeout(call)
                .header("Content-Type", "application/json").POST(BodyPublishers.ofByteArray(login)).build();
        Answer answer = exchange(request, "sign-in", 64 * 1024);
        if (answer.status() != 200) {
            WireFailure refused = refusal(answer, "sign-in as " + user);
            throw new WireFailure(answer.status(), refused.status == 503 ? Kind.UNREACHABLE : Kind.INVALID, refused.getMessage(), null);
        }
        current = json(answer).path("token").asText();
        token = current;
        return current;
    }

    private static WireFailure refusal(Answer answer, String what) {
        String title = "";
        String detail = new String(answer.body(), 0, Math.min(answer.body().length, 4096), StandardCharsets.UTF_8);
        try {
            JsonNode problem = JSON.readTree(answer.body());
            title = problem.path("title").asText("");
            detail = problem.path("detail").asText(detail);
        } catch (IOException | RuntimeException notJson) {
            // keep the raw text
        }
        Kind kind = Kinds.kind(title);
        if (kind == null) {
            kind = switch (answer.status()) {
            case 404 -> Kind.NOT_FOUND;
            case 502, 503, 504 -> Kind.UNREACHABLE;
            default -> Kind.INVALID;
            };
        }
        return new WireFailure(answer.status(), kind, what + " → " + answer.status() + " " + title + ": " + detail, null);
    }
}
