package org.deskplane.workbench.testing;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.cert.X509Certificate;
import java.time.Duration;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * The server product a UI test module's build started in the background (exec-maven-plugin): waits, bounded,
 * until it serves authenticated calls, and reads the test's settings from system properties.
 */
public final class ServerUnderTest {

    private ServerUnderTest() {
    }

    /**
     * Polls until an anonymous call to {@code /api/openapi.json} answers 401 (the authentication service is
     * there; 503 or no answer means not yet). Only for the loopback server the build started: it trusts any
     * certificate for this readiness probe; the workbench itself pins the fingerprint.
     */
    public static void awaitSignIn(URI server, Duration timeout) throws Exception {
        SSLContext trustAll = SSLContext.getInstance("TLS");
        trustAll.init(null, new TrustManager[] { new X509TrustManager() {
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
        } }, null);
        long deadline = System.nanoTime() + timeout.toNanos();
        Exception last = null;
        try (HttpClient http = HttpClient.newBuilder().sslContext(trustAll).connectTimeout(Duration.ofSeconds(5))
                .build()) {
            while (System.nanoTime() < deadline) {
                try {
                    HttpResponse<Void> answer = http.send(
                            HttpRequest.newBuilder(server.resolve("/api/openapi.json")).build(),
                            HttpResponse.BodyHandlers.discarding());
                    if (answer.statusCode() == 401) {
                        return;
                    }
                    last = new IllegalStateException("answered " + answer.statusCode());
                } catch (java.io.IOException e) {
                    last = e;
                }
                Thread.sleep(250); // polling with a deadline: the build starts the server just before the tests
            }
        }
        throw new AssertionError("server " + server + " did not come up within " + timeout, last);
    }

    /** A system property the test module's pom sets; Maven hands an unset property over as "null" or "${…}". */
    public static String setting(String key, String fallback) {
        String value = System.getProperty(key);
        return value == null || value.isBlank() || value.equals("null") || value.startsWith("${") ? fallback
                : value.trim();
    }
}
