package org.deskplane.qga.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.deskplane.qga.api.GuestAgentClient;
import org.deskplane.qga.api.GuestAgentClients;
import org.deskplane.qga.api.GuestAgentErrorException;
import org.deskplane.qga.api.GuestAgentInfo;
import org.deskplane.qga.api.GuestAgentProtocolException;
import org.deskplane.qga.api.GuestAgentTimeoutException;
import org.deskplane.qga.api.GuestExecRequest;
import org.deskplane.qga.api.GuestExecResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;

/** The client against the real qemu-ga on the host, through the GuestAgentClients DS service. */
class QemuGuestAgentTest {
    @TempDir
    static Path dir;

    private static QemuGuestAgentProcess qemuGa;
    private static ServiceTracker<GuestAgentClients, GuestAgentClients> tracker;
    private static GuestAgentClient client;

    @BeforeAll
    static void startAgent() throws Exception {
        qemuGa = QemuGuestAgentProcess.start(dir);
        Bundle bundle = FrameworkUtil.getBundle(QemuGuestAgentTest.class);
        tracker = new ServiceTracker<>(bundle.getBundleContext(), GuestAgentClients.class, null);
        tracker.open();
        GuestAgentClients clients = tracker.waitForService(TimeUnit.SECONDS.toMillis(20));
        assertNotNull(clients, "no GuestAgentClients service: is org.deskplane.qga started?");
        client = clients.open(qemuGa.socket());
    }

    @AfterAll
    static void stopAgent() throws Exception {
        if (client != null) {
            client.close();
        }
        if (tracker != null) {
            tracker.close();
        }
        if (qemuGa != null) {
            qemuGa.close();
        }
    }

    @Test
    void pingAndInfo() throws Exception {
        client.ping();
        GuestAgentInfo info = client.info();
        assertFalse(info.version().isBlank());
        assertTrue(info.supports("guest-exec") && info.supports("guest-file-open"), info.enabledCommands().toString());
    }

    @Test
    void execReportsExitCodeAndBothOutputs() throws Exception {
        GuestExecResult result = client.exec(GuestExecRequest.of("/bin/sh", "-c", "echo hello; echo err >&2; exit 3"));
        assertEquals(3, result.exitCode());
        assertEquals(0, result.signal());
        assertEquals("hello\n", result.stdoutText());
        assertEquals("err\n", result.stderrText());
        assertFalse(result.stdoutTruncated() || result.stderrTruncated());
    }

    @Test
    void execPassesInputAndEnvironment() throws Exception {
        GuestExecResult result = client.exec(GuestExecRequest.of("/bin/sh", "-c", "printf '%s:' \"$GREETING\"; cat")
                .withEnv(List.of("GREETING=hi")).withInput("from stdin".getBytes(StandardCharsets.UTF_8)));
        assertEquals(0, result.exitCode());
        assertEquals("hi:from stdin", result.stdoutText());
    }

    @Test
    void execOutputIsCutAtTheLimit() throws Exception {
        GuestExecResult result = client.exec(GuestExecRequest.of("/bin/sh", "-c", "head -c 10000 /dev/zero").withMaxOutputBytes(100));
        assertEquals(100, result.stdout().length);
        assertTrue(result.stdoutTruncated());
    }

    @Test
    void aProgramThatOutlivesItsTimeoutIsATimeoutError() throws Exception {
        GuestAgentTimeoutException e = assertThrows(GuestAgentTimeoutException.class,
                () -> client.exec(GuestExecRequest.of("/bin/sleep", "30").withTimeout(Duration.ofMillis(500))));
        assertTrue(e.getMessage().contains("/bin/sleep") && e.getMessage().contains("still runs"), e.getMessage());
        client.ping(); // the connection is still usable
    }

    @Test
    void binaryFileRoundTrip() throws Exception {
        byte[] content = new byte[300 * 1024 + 17];
        new Random(42).nextBytes(content);
        Path file = dir.resolve("round-trip.bin");
        client.writeFile(file.toString(), content);
        // what qemu-ga wrote is on this host's disk: check it there too
        assertEquals(sha256(content), sha256(Files.readAllBytes(file)));
        byte[] back = client.readFile(file.toString(), 1 << 20);
        assertEquals(sha256(content), sha256(back));
        assertArrayEquals(content, back);
    }

    @Test
    void readingAFileLargerThanTheLimitIsRefused() throws Exception {
        Path file = dir.resolve("big.bin");
        Files.write(file, new byte[200 * 1024]);
        GuestAgentProtocolException e = assertThrows(GuestAgentProtocolException.class,
                () -> client.readFile(file.toString(), 100 * 1024));
        assertTrue(e.getMessage().contains("larger than"), e.getMessage());
        client.ping();
    }

    @Test
    void openingAMissingFileIsTheAgentsError() throws Exception {
        GuestAgentErrorException e = assertThrows(GuestAgentErrorException.class,
                () -> client.readFile(dir.resolve("no/such/file").toString(), 1024));
        assertEquals("GenericError", e.errorClass());
        assertEquals("guest-file-open", e.command());
        assertTrue(e.description().contains("No such file"), e.description());
    }

    @Test
    void aSecondClientResynchronisesOnTheSameAgent() throws Exception {
        // qemu-ga serves one connection at a time: a fresh client after this one proves the sync on open
        GuestAgentClients clients = tracker.getService();
        Path other = dir.resolve("other");
        Files.createDirectories(other);
        try (QemuGuestAgentProcess second = QemuGuestAgentProcess.start(other);
                GuestAgentClient a = clients.open(second.socket())) {
            a.ping();
            a.close();
            try (GuestAgentClient b = clients.open(second.socket())) {
                b.ping();
            }
        }
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
