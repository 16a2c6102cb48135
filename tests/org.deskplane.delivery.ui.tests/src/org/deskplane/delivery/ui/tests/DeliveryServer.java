package org.deskplane.delivery.ui.tests;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;

import org.deskplane.client.CertificateTrust;
import org.deskplane.client.ServerConnection;
import org.deskplane.client.ServerException;
import org.deskplane.client.ServerRest;
import org.deskplane.workbench.testing.ServerUnderTest;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The real server product this module's build started (see pom.xml), logged in with its certificate pinned. The
 * test's own REST calls (creating a deployment, checking what the server holds) go through the same
 * {@link ServerRest} the workbench parts use.
 */
final class DeliveryServer {

    static final Duration DATA = Duration.ofSeconds(60);

    private final ServerConnection connection;
    private final String fingerprint;

    private DeliveryServer(ServerConnection connection, String fingerprint) {
        this.connection = connection;
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

    /** Waits for the server, logs in, and waits until its delivery routes and demo VMs answer. */
    static DeliveryServer start() throws Exception {
        URI url = URI.create(url());
        ServerUnderTest.awaitSignIn(url, Duration.ofSeconds(120));
        String fingerprint = ServerConnection.probeCertificate(url).sha256Fingerprint();
        DeliveryServer server = new DeliveryServer(ServerConnection.login(url, CertificateTrust.pinned(fingerprint),
                user(), password().toCharArray()), fingerprint);
        server.awaitReady();
        return server;
    }

    private void awaitReady() throws InterruptedException {
        Instant deadline = Instant.now().plus(DATA);
        String last = "";
        while (Instant.now().isBefore(deadline)) {
            try {
                rest().get("/delivery/payloads");
                demoVm("RUNNING");
                demoVm("SHUTOFF");
                return;
            } catch (ServerException | AssertionError notYet) {
                last = notYet.getMessage(); // the delivery bundles or the demo hosts are still starting
            }
            Thread.sleep(250);
        }
        throw new AssertionError("the server's delivery routes and demo VMs did not answer within " + DATA + ": "
                + last);
    }

    ServerRest rest() {
        return connection.rest();
    }

    String fingerprint() {
        return fingerprint;
    }

    /** The id ({@code connection/uuid}) of a VM of the demo hosts in this state. */
    String demoVm(String state) {
        for (JsonNode vm : rest().get("/hypervisor/vms")) {
            String host = vm.path("id").path("connectionId").asText();
            if (host.startsWith("demo-") && vm.path("state").asText().equals(state)) {
                return host + "/" + vm.path("id").path("uuid").asText();
            }
        }
        throw new AssertionError("the server has no " + state + " demo VM");
    }

    void close() {
        connection.close();
    }
}
