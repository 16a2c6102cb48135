package org.deskplane.vmdiff.remote.internal;

import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.deskplane.client.CertificateTrust;
import org.deskplane.client.ServerConnection;
import org.deskplane.client.ServerException;
import org.deskplane.client.ServerRest;

/**
 * The real server product in its own process, started through the launch script the README names, with its own
 * data directory and port. Signed in as admin, with an OPERATOR account for the hosts.
 */
final class ServerProcess implements AutoCloseable {
    static final String ADMIN_PASSWORD = "vmdiff-remote-admin-password";
    static final String HOST_USER = "vmdiff-host";
    static final String HOST_PASSWORD = "vmdiff-host-operator-password";

    final URI url;
    final String fingerprint;
    final ServerRest admin;
    private final Process process;
    private final ServerConnection connection;

    private ServerProcess(URI url, String fingerprint, ServerConnection connection, Process process) {
        this.url = url;
        this.fingerprint = fingerprint;
        this.connection = connection;
        this.admin = connection.rest();
        this.process = process;
    }

    static ServerProcess start(Path data, Path log) throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        ProcessBuilder pb = new ProcessBuilder(System.getProperty("deskplane.test.serverScript"), "--data-dir", data.toString(),
                "--port", Integer.toString(port)).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        pb.environment().put("DESKPLANE_JAVA_OPTS", "-Ddeskplane.admin.initialPassword=" + ADMIN_PASSWORD + " -Ddeskplane.demo=false");
        Process process = pb.start();
        URI url = URI.create("https://127.0.0.1:" + port);
        try {
            ServerConnection admin = signIn(url, process, log);
            String fingerprint = ServerConnection.probeCertificate(url).sha256Fingerprint();
            ServerProcess server = new ServerProcess(url, fingerprint, admin, process);
            server.admin.send("POST", "/users", Map.of("username", HOST_USER, "password", HOST_PASSWORD, "role", "OPERATOR"));
            server.awaitWireRoutes();
            return server;
        } catch (Exception | AssertionError e) {
            process.destroy();
            throw e;
        }
    }

    private static ServerConnection signIn(URI url, Process server, Path log) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (true) {
            if (!server.isAlive()) {
                throw new AssertionError("the server exited (" + server.exitValue() + "): " + Files.readString(log));
            }
            try {
                return ServerConnection.login(url, CertificateTrust.insecureTrustAllOnLoopback(), "admin", ADMIN_PASSWORD.toCharArray());
            } catch (Exception e) { // not up yet, or its security service is still starting
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("could not sign in to the server: " + Files.readString(log), e);
                }
                Thread.sleep(500);
            }
        }
    }

    /** The routes come with the bundles at start level 4, a moment after sign-in works. */
    private void awaitWireRoutes() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            try {
                admin.get("/vmdiff/wire/bases");
                return;
            } catch (ServerException notYet) {
                last = notYet.getMessage();
            }
            Thread.sleep(250);
        }
        throw new AssertionError("the server's /vmdiff/wire routes did not answer: " + last);
    }

    /** Stops the server as a power cut would (no goodbye to clients). */
    void stop() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    @Override
    public void close() throws InterruptedException {
        connection.close();
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                stop();
            }
        }
    }
}
