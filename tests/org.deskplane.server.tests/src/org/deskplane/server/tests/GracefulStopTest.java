package org.deskplane.server.tests;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server product asked to end with SIGTERM (as systemd or a container runtime does) stops every bundle before
 * the process exits, so components deactivate and close what they started outside the JVM.
 */
class GracefulStopTest {

    @TempDir
    Path dir;

    @Test
    void aTermSignalStopsEveryBundleBeforeTheProcessEnds() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        Path log = dir.resolve("server.log");
        ProcessBuilder pb = new ProcessBuilder(System.getProperty("deskplane.test.serverScript"), "--data-dir",
                dir.resolve("data").toString(), "--port", Integer.toString(port)).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Process server = pb.start();
        try {
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
            while (!Files.readString(log).contains("Deskplane server ready at")) {
                if (!server.isAlive() || System.nanoTime() > deadline) {
                    fail("the server did not come up: " + Files.readString(log));
                }
                Thread.sleep(200);
            }
            server.destroy(); // SIGTERM: the launch script execs the JVM
            assertTrue(server.waitFor(90, TimeUnit.SECONDS), "the server ended");
            String out = Files.readString(log);
            assertTrue(out.contains("Deskplane server stopping: stopping every bundle"), out);
            assertTrue(out.contains("Deskplane server stopped"), "every bundle stopped before the JVM ended:\n" + out);
            assertFalse(out.contains("exiting anyway"), out);
        } finally {
            server.destroyForcibly();
        }
    }
}
