package org.deskplane.server.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.util.tracker.ServiceTracker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The API on the local Unix-domain socket (org.deskplane.server.localapi), in the real whiteboard Jetty: the same
 * routes and bearer tokens as over HTTPS, an owner-only socket in an owner-only folder, the peer audited as
 * loopback, a download byte for byte; the bundle hot-swapped (socket gone, then back), a dead socket left by a
 * crash replaced, a live one of another process left alone, and a mode that would open it to everybody refused.
 */
class LocalApiSocketTest extends SignedInAsAdmin {
    private static final String PID = "org.deskplane.server.localapi";
    private static final ObjectMapper JSON = new ObjectMapper();

    private static Path folder;
    private static Path socket;
    private static Path share;
    private static Configuration shareConfig;
    private static Configuration socketConfig;
    private static byte[] big;

    @BeforeAll
    static void configure() throws Exception {
        // a short path of our own: the data directory of a deep checkout could pass the 107-byte socket limit
        folder = Files.createTempDirectory(Path.of("/tmp"), "dp-lapi-");
        socket = folder.resolve("run/api.sock");
        socketConfig = admin().getConfiguration(PID, "?");
        socketConfig.update(new Hashtable<>(Map.of("path", socket.toString())));
        awaitServing();

        share = Files.createTempDirectory("deskplane-uds-share-");
        big = new byte[5 * 1024 * 1024 + 321]; // several read-ahead chunks
        new Random(99).nextBytes(big);
        Files.write(share.resolve("big.bin"), big);
        shareConfig = ProfileApiTest.configure("org.deskplane.content.share",
                Map.of("name", "uds", "root", share.toString(), "roles", new String[] { "USER" }));
        ProfileApiTest.awaitSource("share:uds");
    }

    @AfterAll
    static void cleanUp() throws Exception {
        if (shareConfig != null) {
            shareConfig.delete();
        }
        if (socketConfig != null) {
            socketConfig.delete();
        }
    }

    @Test
    void theSameApiAnswersOnTheSocketWithTheSameTokens() throws Exception {
        UnixSocketHttp.Response health = UnixSocketHttp.send(socket, "GET", "/api/health", null, null);
        assertEquals(200, health.status(), health.text());
        assertEquals("UP", JSON.readTree(health.body()).get("status").asText());
        assertFalse(health.headers().containsKey("Server"), "no server version on the socket either");

        assertEquals(401, UnixSocketHttp.send(socket, "GET", "/api/profile/sources", null, null).status());
        UnixSocketHttp.Response sources = UnixSocketHttp.send(socket, "GET", "/api/profile/sources", adminToken, null);
        assertEquals(200, sources.status(), sources.text());
        assertTrue(sources.text().contains("share:uds"), sources.text());

        UnixSocketHttp.Response login = UnixSocketHttp.send(socket, "POST", "/api/auth/login", null,
                "{\"username\":\"admin\",\"password\":\"" + ApiClient.adminPassword() + "\"}");
        assertEquals(200, login.status(), login.text());
        String token = JSON.readTree(login.body()).get("token").asText();
        assertEquals(200, api.get("/profile/sources", token).status(), "a token from the socket works over HTTPS");
    }

    @Test
    void aDownloadArrivesByteForByte() throws Exception {
        UnixSocketHttp.Response file = UnixSocketHttp.send(socket, "GET",
                "/api/profile/sources/share:uds/content?path=/big.bin", adminToken, null);
        assertEquals(200, file.status());
        assertEquals(Long.toString(big.length), file.headers().get("Content-Length"));
        assertArrayEquals(big, file.body());
    }

    @Test
    void onlyTheServersUserMayConnectAndThePeerIsAuditedAsLoopback() throws Exception {
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(socket)));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(socket.getParent())));

        String stranger = "uds-probe-" + UUID.randomUUID();
        UnixSocketHttp.Response refused = UnixSocketHttp.send(socket, "POST", "/api/auth/login", null,
                "{\"username\":\"" + stranger + "\",\"password\":\"not-the-password\"}");
        assertEquals(401, refused.status(), refused.text());
        Path audit = Path.of(System.getProperty("deskplane.data"), "audit", "audit.log");
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        JsonNode record = null;
        while (record == null && System.nanoTime() < deadline) {
            for (String line : Files.readAllLines(audit)) {
                if (line.contains(stranger)) {
                    record = JSON.readTree(line);
                }
            }
            Thread.sleep(50);
        }
        assertTrue(record != null, "the failed login over the socket was not audited");
        assertEquals("127.0.0.1", record.get("source").asText(), record.toString());
    }

    @Test
    void hotSwapRemovesTheSocketAndReplacesADeadOneButNeverALiveOne() throws Exception {
        Bundle bundle = bundle("org.deskplane.server.localapi");
        try {
            bundle.stop();
            assertFalse(Files.exists(socket, LinkOption.NOFOLLOW_LINKS), "the socket outlived its bundle");

            // a server that crashed leaves its socket file; nobody answers on it
            try (ServerSocketChannel dead = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
                dead.bind(UnixDomainSocketAddress.of(socket));
            }
            assertTrue(Files.exists(socket, LinkOption.NOFOLLOW_LINKS));
            bundle.start();
            awaitServing();
            assertEquals(200, UnixSocketHttp.send(socket, "GET", "/api/health", null, null).status());

            // another process that serves on the path is left alone
            bundle.stop();
            try (ServerSocketChannel live = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
                live.bind(UnixDomainSocketAddress.of(socket));
                bundle.start();
                Thread.sleep(2000); // what a wrong replacement would need to happen
                try (SocketChannel client = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
                    assertTrue(live.accept() != null, "the other process's socket was replaced");
                }
            }
            Files.deleteIfExists(socket);
            bundle.stop();
            bundle.start();
            awaitServing();
        } finally {
            if (bundle.getState() != Bundle.ACTIVE) {
                bundle.start();
            }
        }
    }

    @Test
    void aModeThatOpensTheSocketToEverybodyIsRefused() throws Exception {
        try {
            socketConfig.update(new Hashtable<>(Map.of("path", socket.toString(), "mode", "rw-rw-rw-")));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (Files.exists(socket, LinkOption.NOFOLLOW_LINKS) && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertFalse(Files.exists(socket, LinkOption.NOFOLLOW_LINKS), "a world-writable API socket was opened");
            assertThrows(IOException.class, () -> UnixSocketHttp.send(socket, "GET", "/api/health", null, null));
        } finally {
            socketConfig.update(new Hashtable<>(Map.of("path", socket.toString())));
            awaitServing();
        }
    }

    private static void awaitServing() throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        IOException last = null;
        while (System.nanoTime() < deadline) {
            try {
                if (UnixSocketHttp.send(socket, "GET", "/api/health", null, null).status() == 200) {
                    return;
                }
            } catch (IOException e) {
                last = e;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("nothing answered on " + socket + " within 30 s", last);
    }

    private static Bundle bundle(String name) {
        BundleContext context = FrameworkUtil.getBundle(LocalApiSocketTest.class).getBundleContext();
        return List.of(context.getBundles()).stream().filter(b -> b.getSymbolicName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError(name + " is not installed"));
    }

    private static ConfigurationAdmin admin() throws InterruptedException {
        ServiceTracker<ConfigurationAdmin, ConfigurationAdmin> tracker = new ServiceTracker<>(
                FrameworkUtil.getBundle(LocalApiSocketTest.class).getBundleContext(), ConfigurationAdmin.class, null);
        tracker.open();
        return tracker.waitForService(30_000);
    }
}
