package org.deskplane.server.tests;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Map;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Calls the server under test over real HTTPS, trusting exactly the certificate the server generated in
 * its data directory (no trust-all: the test also proves the certificate is valid for 127.0.0.1).
 */
final class ApiClient {

    static final ObjectMapper JSON = new ObjectMapper();

    record Response(int status, HttpHeaders headers, byte[] body) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + text(), e);
            }
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        String contentType() {
            return headers.firstValue("Content-Type").orElse("");
        }
    }

    final String base;
    private final HttpClient http;

    private ApiClient(String base, HttpClient http) {
        this.base = base;
        this.http = http;
    }

    static Path dataDir() {
        return Path.of(System.getProperty("deskplane.data"));
    }

    static String baseUrl() {
        return "https://127.0.0.1:" + System.getProperty("deskplane.port") + "/api";
    }

    /** Waits (bounded) for the server to have made its certificate and to answer /health. */
    static ApiClient connect(Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        Path store = dataDir().resolve("tls/server.p12");
        Path secret = dataDir().resolve("tls/keystore.secret");
        Exception last = null;
        while (System.nanoTime() < deadline) {
            if (Files.exists(store) && Files.exists(secret)) {
                try {
                    ApiClient client = new ApiClient(baseUrl(), pinnedClient(store, secret));
                    if (client.get("/health", null).status() == 200) {
                        return client;
                    }
                } catch (IOException e) {
                    last = e;
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("server did not answer /health within " + timeout, last);
    }

    private static HttpClient pinnedClient(Path store, Path secret) throws Exception {
        return HttpClient.newBuilder().sslContext(pinnedSsl(store, secret)).connectTimeout(Duration.ofSeconds(5)).build();
    }

    /** A TLS socket to the server, trusting only its certificate: for requests written byte by byte. */
    static javax.net.ssl.SSLSocket rawSocket() throws Exception {
        SSLContext ssl = pinnedSsl(dataDir().resolve("tls/server.p12"), dataDir().resolve("tls/keystore.secret"));
        javax.net.ssl.SSLSocket socket = (javax.net.ssl.SSLSocket) ssl.getSocketFactory().createSocket("127.0.0.1",
                Integer.getInteger("deskplane.port"));
        socket.setSoTimeout(15_000);
        socket.startHandshake();
        return socket;
    }

    private static SSLContext pinnedSsl(Path store, Path secret) throws Exception {
        char[] password = Files.readString(secret).trim().toCharArray();
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            keys.load(in, password);
        }
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("deskplane", keys.getCertificate("deskplane"));
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(null, tmf.getTrustManagers(), null);
        return ssl;
    }

    Response get(String path, String token) throws IOException, InterruptedException {
        return send("GET", path, token, null, null);
    }

    Response postJson(String path, String token, Object body) throws IOException, InterruptedException {
        return send("POST", path, token, JSON.writeValueAsBytes(body), "application/json");
    }

    Response send(String method, String path, String token, byte[] body, String contentType)
            throws IOException, InterruptedException {
        return send(method, path, token, body, contentType, Map.of());
    }

    /** A request with extra headers (Range, If-None-Match, Accept…). */
    Response send(String method, String path, String token, byte[] body, String contentType, Map<String, String> headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        headers.forEach(request::header);
        HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        return new Response(response.statusCode(), response.headers(), response.body());
    }

    /** A GET of a path outside /api on the same server (the portal's pages); redirects are not followed. */
    Response getFromServerRoot(String path) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base.replaceFirst("/api$", "") + path))
                .timeout(Duration.ofSeconds(30)).GET().build();
        HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        return new Response(response.statusCode(), response.headers(), response.body());
    }

    /** Logs in and returns the bearer token; fails the test when the login is refused. */
    String login(String user, String password) throws IOException, InterruptedException {
        Response r = postJson("/auth/login", null, Map.of("username", user, "password", password));
        if (r.status() != 200) {
            throw new AssertionError("login of " + user + " failed: " + r.status() + " " + r.text());
        }
        return r.json().get("token").asText();
    }

    static String adminPassword() {
        return System.getProperty("deskplane.admin.initialPassword");
    }
}
