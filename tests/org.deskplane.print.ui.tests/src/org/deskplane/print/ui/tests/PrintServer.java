package org.deskplane.print.ui.tests;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.BooleanSupplier;

import org.deskplane.bundles.api.BundleInfo;
import org.deskplane.client.CertificateTrust;
import org.deskplane.client.ServerConnection;
import org.deskplane.workbench.testing.ServerUnderTest;

/**
 * The real server product this module's build started (see pom.xml): its settings, a login of the test's own (beside
 * the workbench's), the demo VM whose owner prints, and a small PDF to print.
 */
final class PrintServer {

    static final String PDF_PRINTER = "pdf.pdf";
    static final String DEMO_CONNECTION = "demo-1";
    /** win11-desk-01 on demo-1, owner alice (the demo hypervisor's shipped metadata). */
    static final String ALICES_DESK = "de5c0000-0001-4000-8000-000000000001";
    static final String ALICES_DESK_NAME = "win11-desk-01";
    static final String ALICES_DESK_KEY = DEMO_CONNECTION + ":" + ALICES_DESK;
    static final Duration DATA = Duration.ofSeconds(60);

    private PrintServer() {
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

    /** Waits for the server, then logs in with its certificate pinned. */
    static ServerConnection login() throws Exception {
        URI url = URI.create(url());
        ServerUnderTest.awaitSignIn(url, Duration.ofSeconds(120));
        String fingerprint = ServerConnection.probeCertificate(url).sha256Fingerprint();
        return ServerConnection.login(url, CertificateTrust.pinned(fingerprint), user(), password().toCharArray());
    }

    static byte[] pdf(String text) {
        String stream = "BT /F1 18 Tf 72 720 Td (" + text + ") Tj ET";
        return ("%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n"
                + "3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >> endobj\n"
                + "4 0 obj << /Length " + stream.length() + " >>\nstream\n" + stream
                + "\nendstream endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n").getBytes(StandardCharsets.ISO_8859_1);
    }

    /** The server's PDF directory driver bundle, to stop it (jobs then wait in the spool) and start it again. */
    static BundleInfo pdfDriver(ServerConnection connection) {
        return connection.bundleManager().bundles().stream()
                .filter(b -> b.symbolicName().equals("org.deskplane.print.pdf")).findFirst()
                .orElseThrow(() -> new AssertionError("the server has no org.deskplane.print.pdf bundle"));
    }

    /** Polls {@code condition} until it holds or the deadline passes. */
    static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + DATA.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(100);
        }
    }
}
