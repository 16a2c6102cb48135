package org.deskplane.disk.nbd.internal;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** A real {@code qemu-nbd} serving an image read-only on a Unix socket, for as long as the test needs it. */
final class QemuNbdServer implements AutoCloseable {
    final Path socket;
    private final Process process;

    QemuNbdServer(Path image, String format, String exportName, Path socket) throws Exception {
        this.socket = socket;
        this.process = new ProcessBuilder("qemu-nbd", "--read-only", "--persistent", "--shared=8", "--format=" + format,
                "--export-name=" + exportName, "--socket=" + socket, image.toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!Files.exists(socket)) {
            assertTrue(process.isAlive(), "qemu-nbd ended early (exit " + (process.isAlive() ? "-" : process.exitValue()) + ")");
            assertTrue(System.nanoTime() < deadline, "qemu-nbd did not create " + socket + " within 30 s");
            Thread.sleep(20);
        }
    }

    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws IOException, InterruptedException {
        kill();
        Files.deleteIfExists(socket);
    }
}
