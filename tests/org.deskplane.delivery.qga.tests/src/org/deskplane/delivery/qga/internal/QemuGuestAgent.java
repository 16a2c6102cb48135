package org.deskplane.delivery.qga.internal;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The real {@code qemu-ga} run on this host ({@code -m unix-listen}): here the "guest" is this machine. */
final class QemuGuestAgent implements AutoCloseable {
    private static final Path QEMU_GA = Path.of("/usr/sbin/qemu-ga");

    private final Process process;
    final Path socket;

    private QemuGuestAgent(Process process, Path socket) {
        this.process = process;
        this.socket = socket;
    }

    static QemuGuestAgent start(Path dir) throws IOException, InterruptedException {
        assertTrue(Files.isExecutable(QEMU_GA), QEMU_GA + " is missing: releng/scripts/setup installs qemu-guest-agent");
        Path socket = dir.resolve("qga.sock");
        Process process = new ProcessBuilder(List.of(QEMU_GA.toString(), "-m", "unix-listen", "-p", socket.toString(),
                "-t", Files.createDirectories(dir.resolve("state")).toString(), "-f", dir.resolve("qemu-ga.pid").toString(),
                "-l", dir.resolve("qemu-ga.log").toString())).redirectErrorStream(true)
                .redirectOutput(dir.resolve("qemu-ga.out").toFile()).start();
        QemuGuestAgent agent = new QemuGuestAgent(process, socket);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!Files.exists(socket)) { // qemu-ga creates the socket once it listens
            if (!process.isAlive() || System.nanoTime() > deadline) {
                agent.close();
                fail("qemu-ga did not listen on " + socket + ": " + Files.readString(dir.resolve("qemu-ga.out")));
            }
            Thread.sleep(20);
        }
        return agent;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
