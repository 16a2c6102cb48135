package org.deskplane.modules.ui.tests;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.jar.JarFile;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

import org.deskplane.bundles.api.BundleInfo;
import org.deskplane.client.CertificateTrust;
import org.deskplane.client.ServerConnection;
import org.deskplane.workbench.testing.ServerUnderTest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The real server product this module's build started (see pom.xml), with the modules REST resource: installed by
 * the test (the API, the REST resource and the in-memory test host) when the product does not have it yet. The
 * test's own REST calls (seeding, checking) go through a plain HTTP client with its login's token.
 */
final class ModulesServer {

    static final Duration DATA = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The in-memory host bundle the test installs while the product has no module host. */
    static final String FIXTURE = "org.deskplane.modules.testing";

    private final ServerConnection connection;
    private final HttpClient http;

    private ModulesServer(ServerConnection connection) throws Exception {
        this.connection = connection;
        SSLContext tls = SSLContext.getInstance("TLS");
        // the server is on loopback and its certificate was pinned by the login above; this client only seeds data
        tls.init(null, new TrustManager[] { new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        } }, new SecureRandom());
        this.http = HttpClient.newBuilder().sslContext(tls).connectTimeout(Duration.ofSeconds(20)).build();
    }

    static String url() {
        String url = ServerUnderTest.setting("deskplane.test.serverUrl", null);
        if (url == null) {
            throw new IllegalStateException("set deskplane.test.serverUrl (the test module's pom starts the server)");
        }
        return url;
    }

    static String password() {
        return ServerUnderTest.setting("deskplane.test.adminPassword", null);
    }

    static String user() {
        return ServerUnderTest.setting("deskplane.test.adminUser", "admin");
    }

    /** Waits for the server, logs in with its certificate pinned, and makes sure {@code /api/modules} answers. */
    static ModulesServer start() throws Exception {
        URI url = URI.create(url());
        ServerUnderTest.awaitSignIn(url, Duration.ofSeconds(120));
        String fingerprint = ServerConnection.probeCertificate(url).sha256Fingerprint();
        ModulesServer server = new ModulesServer(
                ServerConnection.login(url, CertificateTrust.pinned(fingerprint), user(), password().toCharArray()));
        server.installModuleBundles(server.status("GET", "/modules", null) != 404);
        await("GET /api/modules answers", () -> server.status("GET", "/modules", null) == 200
                && server.status("GET", "/modules/trust", null) == 200);
        return server;
    }

    ServerConnection connection() {
        return connection;
    }

    /**
     * Installs (or updates, when an earlier run left them in the server's data directory) the test fixture bundle
     * always — it offers the test-only guest routes, and registers the in-memory host only when the server has no
     * module host — and the modules API and REST resource built here when the server has no modules routes. A bundle
     * of the product itself (its location is in the product's {@code plugins/}) is never replaced.
     */
    private void installModuleBundles(boolean serverHasModules) throws IOException {
        String jars = ServerUnderTest.setting("deskplane.test.moduleJars", null);
        if (jars == null) {
            throw new IllegalStateException("set deskplane.test.moduleJars (the pom names the built jars)");
        }
        for (String jar : jars.split(",")) {
            Path path = Path.of(jar.strip());
            String name;
            try (JarFile file = new JarFile(path.toFile())) {
                name = file.getManifest().getMainAttributes().getValue("Bundle-SymbolicName").split(";", 2)[0].strip();
            }
            Optional<BundleInfo> installed = connection.bundleManager().bundles().stream()
                    .filter(b -> b.symbolicName().equals(name)).findFirst();
            boolean uploadedEarlier = installed.map(b -> !b.location().contains("/plugins/")).orElse(false);
            if (!name.equals(FIXTURE) && serverHasModules && !uploadedEarlier) {
                continue;
            }
            if (installed.isPresent() && !uploadedEarlier) {
                continue;
            }
            try (InputStream in = Files.newInputStream(path)) {
                if (installed.isPresent()) {
                    connection.bundleManager().update(installed.get().id(), in);
                } else {
                    connection.bundleManager().install(in, true);
                }
            }
        }
    }

    /** Sends and returns the status; the answer, if JSON, into {@code answer[0]}. */
    int status(String method, String path, Object body) {
        return send(method, path, body, new JsonNode[1]);
    }

    JsonNode call(String method, String path, Object body) {
        JsonNode[] answer = new JsonNode[1];
        int status = send(method, path, body, answer);
        if (status >= 300) {
            throw new AssertionError(method + " " + path + " answered " + status + ": " + answer[0]);
        }
        return answer[0];
    }

    /** Uploads a jar as an administrator (?load=). */
    JsonNode upload(Path jar, boolean load) throws IOException {
        HttpRequest request = base("/modules" + (load ? "?load=true" : ""))
                .header("Content-Type", "application/java-archive")
                .POST(HttpRequest.BodyPublishers.ofFile(jar)).build();
        return answer(request, true);
    }

    private int send(String method, String path, Object body, JsonNode[] answer) {
        try {
            HttpRequest.Builder builder = base(path);
            if (body == null) {
                builder.method(method, HttpRequest.BodyPublishers.noBody());
            } else {
                builder.header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
            }
            HttpResponse<byte[]> response = http.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
            answer[0] = response.body().length == 0 ? null : JSON.readTree(response.body());
            return response.statusCode();
        } catch (IOException e) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private JsonNode answer(HttpRequest request, boolean expectSuccess) throws IOException {
        try {
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            JsonNode node = response.body().length == 0 ? null : JSON.readTree(response.body());
            if (expectSuccess && response.statusCode() >= 300) {
                throw new AssertionError(request.method() + " " + request.uri() + " answered " + response.statusCode()
                        + ": " + node);
            }
            return node;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private HttpRequest.Builder base(String path) {
        return HttpRequest.newBuilder(URI.create(url() + "/api" + path)).timeout(DATA)
                .header("Authorization", "Bearer " + connection.session().token());
    }

    /** Makes a guest's load request through the test host's fixture route; returns the outcome's status. */
    String guestLoad(String vm, String image, String name, String version) {
        return call("POST", "/testing/modules/guest-load?vm=" + vm + "&image=" + image + "&user=alice&name=" + name
                + "&version=" + version, Map.of()).get("status").asText();
    }

    void close() {
        connection.close();
    }

    /** Polls {@code condition} until it holds or the deadline passes. */
    static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + DATA.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(200);
        }
    }
}
