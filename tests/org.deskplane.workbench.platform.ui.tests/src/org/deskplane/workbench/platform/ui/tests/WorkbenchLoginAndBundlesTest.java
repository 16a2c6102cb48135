package org.deskplane.workbench.platform.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.deskplane.workbench.testing.RemoteSignIn;
import org.deskplane.workbench.testing.RunningWorkbench;
import static org.deskplane.workbench.testing.WorkbenchModel.*;
import java.net.URI;
import java.time.Duration;
import java.util.List;

import org.deskplane.client.ServerConnection;
import org.deskplane.workbench.WorkbenchIds;
import org.eclipse.e4.ui.model.application.MApplication;
import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.swt.widgets.Composite;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The workbench product starts, logs in to a running server over HTTPS (automatic login from system
 * properties, certificate pinned by fingerprint), and its parts, contributed by the platform.ui model
 * fragment, show what the server reports.
 */
class WorkbenchLoginAndBundlesTest {

    private static final Duration STARTUP = Duration.ofSeconds(90);
    private static final Duration DATA = Duration.ofSeconds(60);
    private static final String BUNDLES_PART = "org.deskplane.workbench.platform.ui.part.bundles";
    private static final String AUDIT_PART = "org.deskplane.workbench.platform.ui.part.audit";

    private static String user;
    private static String expectedBundle;
    private static RunningWorkbench workbench;

    @BeforeAll
    static void startServerAndWorkbench() throws Exception {
        String serverUrl = setting("deskplane.test.serverUrl", null);
        user = setting("deskplane.test.adminUser", "admin");
        expectedBundle = setting("deskplane.test.expectBundle", "org.deskplane.rest.api");
        String password;
        String fingerprint;
        password = setting("deskplane.test.adminPassword", null);
        if (serverUrl == null || password == null) {
            throw new IllegalStateException("set deskplane.test.serverUrl and deskplane.test.adminPassword (the "
                    + "test module's pom starts the server product and sets both)");
        }
        // the test is the user here: it looks at the certificate and decides to trust it
        fingerprint = probeWhenUp(URI.create(serverUrl));
        workbench = RemoteSignIn.start(serverUrl, user, password, fingerprint, STARTUP);
    }

    /** The server may still be starting (the build starts it just before the tests): wait, bounded. */
    private static String probeWhenUp(URI server) throws Exception {
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(120).toNanos();
        while (true) {
            try {
                String fingerprint = ServerConnection.probeCertificate(server).sha256Fingerprint();
                if (signInIsServed(server)) {
                    return fingerprint;
                }
                throw new IllegalStateException("authentication not up yet");
            } catch (Exception e) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("server " + server + " did not come up", e);
                }
                Thread.sleep(250);
            }
        }
    }

    /** 401 for an anonymous call means the authentication service is there; 503 means not yet. */
    private static boolean signInIsServed(URI server) throws Exception {
        javax.net.ssl.SSLContext trustAll = javax.net.ssl.SSLContext.getInstance("TLS");
        // only a readiness probe of the loopback server this build started; the workbench itself pins
        trustAll.init(null, new javax.net.ssl.TrustManager[] { new javax.net.ssl.X509TrustManager() {
            @Override
            public void checkClientTrusted(java.security.cert.X509Certificate[] chain, String authType) {
            }

            @Override
            public void checkServerTrusted(java.security.cert.X509Certificate[] chain, String authType) {
            }

            @Override
            public java.security.cert.X509Certificate[] getAcceptedIssuers() {
                return new java.security.cert.X509Certificate[0];
            }
        } }, null);
        java.net.http.HttpClient http = java.net.http.HttpClient.newBuilder().sslContext(trustAll).build();
        java.net.http.HttpResponse<Void> answer = http.send(
                java.net.http.HttpRequest.newBuilder(server.resolve("/api/openapi.json")).build(),
                java.net.http.HttpResponse.BodyHandlers.discarding());
        return answer.statusCode() == 401;
    }

    @AfterAll
    static void stop() throws Exception {
        RemoteSignIn.stop(workbench);
    }

    @Test
    void bundlesPartShowsTheServersBundlesAfterLogin() throws Exception {
        activate(workbench, BUNDLES_PART);
        List<List<String>> rows = workbench.await("bundle rows containing " + expectedBundle, DATA, wb -> {
            List<List<String>> shown = tableRows(part(wb.getApplication(), BUNDLES_PART), "bundles");
            return shown.stream().anyMatch(row -> row.get(1).equals(expectedBundle)) ? shown : null;
        });

        screenshot(workbench, "workbench-bundles");

        List<String> expectedRow = rows.stream().filter(row -> row.get(1).equals(expectedBundle)).findFirst()
                .orElseThrow();
        assertTrue(expectedRow.get(0).matches("\\d+"), "bundle id column: " + expectedRow);
        assertTrue(!expectedRow.get(3).isEmpty(), "state column: " + expectedRow);
        // the real server runs its whole product: dozens of bundles, the API bundle resolved and in use
        assertTrue(rows.size() > 20, "expected the server product's bundles, got " + rows);
        assertTrue(expectedRow.get(3).equals("ACTIVE") || expectedRow.get(3).equals("RESOLVED"),
                "state column: " + expectedRow);
        String title = workbench.ui(wb -> window(wb.getApplication()).getLabel());
        assertTrue(title.contains(user), "the window says who is logged in: " + title);
    }

    @Test
    void auditPartShowsTheServersLatestEvents() throws Exception {
        activate(workbench, AUDIT_PART);
        List<List<String>> rows = workbench.await("audit rows", DATA, wb -> {
            List<List<String>> shown = tableRows(part(wb.getApplication(), AUDIT_PART), "audit");
            return shown.isEmpty() ? null : shown;
        });
        screenshot(workbench, "workbench-audit");
        assertTrue(rows.stream().anyMatch(row -> row.get(2).equals("auth.login")),
                "the login shows up in the audit log: " + rows);
    }

    @Test
    void partsComeFromTheModelFragmentIntoTheMainStack() {
        String parent = workbench.ui(wb -> {
            MPart bundles = part(wb.getApplication(), BUNDLES_PART);
            return bundles.getParent().getElementId();
        });
        assertEquals(WorkbenchIds.MAIN_PART_STACK, parent);
    }

    private static String setting(String key, String fallback) {
        String value = System.getProperty(key);
        // Maven hands an empty property over as "null"
        return value == null || value.isBlank() || value.equals("null") || value.startsWith("${") ? fallback
                : value.trim();
    }
}
