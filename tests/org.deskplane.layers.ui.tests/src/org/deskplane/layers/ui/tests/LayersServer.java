package org.deskplane.layers.ui.tests;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;

import org.deskplane.client.CertificateTrust;
import org.deskplane.client.ServerConnection;
import org.deskplane.client.ServerException;
import org.deskplane.client.ServerRest;
import org.deskplane.workbench.testing.ServerUnderTest;

/**
 * The real server product this module's build started (see pom.xml), logged in as admin with its certificate pinned.
 * The test's own REST calls go through the same {@link ServerRest} the workbench part uses; {@link #login} signs in
 * another account (the CVD's owner, as its endpoints would).
 */
final class LayersServer implements AutoCloseable {

    static final Duration DATA = Duration.ofSeconds(60);

    private final ServerConnection admin;
    private final String fingerprint;

    private LayersServer(ServerConnection admin, String fingerprint) {
        this.admin = admin;
        this.fingerprint = fingerprint;
    }

    static String url() {
        return required("deskplane.test.serverUrl");
    }

    static String password() {
        return required("deskplane.test.adminPassword");
    }

    static String user() {
        return ServerUnderTest.setting("deskplane.test.adminUser", "admin");
    }

    /** A setting the module's pom gives the test (it starts the server with them). */
    private static String required(String key) {
        String value = ServerUnderTest.setting(key, null);
        if (value == null) {
            throw new IllegalStateException("set " + key + " (the test module's pom starts the server with it)");
        }
        return value;
    }

    /** Waits for the server, logs in as admin, and waits until the layers routes answer. */
    static LayersServer start() throws Exception {
        URI url = URI.create(url());
        ServerUnderTest.awaitSignIn(url, Duration.ofSeconds(120));
        String fingerprint = ServerConnection.probeCertificate(url).sha256Fingerprint();
        LayersServer server = new LayersServer(ServerConnection.login(url, CertificateTrust.pinned(fingerprint), user(),
                password().toCharArray()), fingerprint);
        server.awaitReady();
        return server;
    }

    private void awaitReady() throws InterruptedException {
        Instant deadline = Instant.now().plus(DATA);
        String last = "";
        while (Instant.now().isBefore(deadline)) {
            try {
                rest().get("/layers/cvds");
                return;
            } catch (ServerException notYet) {
                last = notYet.getMessage(); // the layers bundles are still starting (503)
            }
            Thread.sleep(250);
        }
        throw new AssertionError("the server's layers routes did not answer within " + DATA + ": " + last);
    }

    /** The admin's calls. */
    ServerRest rest() {
        return admin.rest();
    }

    String fingerprint() {
        return fingerprint;
    }

    /** Another account's connection (close it when done). */
    ServerConnection login(String username, String password) throws Exception {
        return ServerConnection.login(URI.create(url()), CertificateTrust.pinned(fingerprint), username,
                password.toCharArray());
    }

    @Override
    public void close() {
        admin.close();
    }
}
