package org.deskplane.qga.internal;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The real QEMU guest agent ({@code /usr/sbin/qemu-ga} from Debian's qemu-guest-agent), run on the host
 * with {@code -m unix-listen}; its state directory, pid file and log live in a temp directory, so it needs
 * no /var/run.
 */
final class QemuGuestAgentProcess implements AutoCloseable {
    static final Path QEMU_GA = Path.of("/usr/sbin/qemu-ga");

    private final Process process;
    private final Path socket;
    private final Path log;

    private QemuGuestAgentProcess(Process process, Path socket, Path log) {
        this.process = process;
        this.socket = socket;
        this.log = log;
    }

    static QemuGuestAgentProcess start(Path dir) throws IOException, InterruptedException {
        assertTrue(Files.isExecutable(QEMU_GA), QEMU_GA + " is missing: install the Debian package qemu-guest-agent "
                + "(releng/scripts/setup does)");
        Path socket = dir.resolve("qga.sock");
        Path state = Files.createDirectories(dir.resolve("state"));
        Path log = dir.resolve("qemu-ga.log");
        Process process = new ProcessBuilder(List.of(QEMU_GA.toString(), "-m", "unix-listen", "-p", socket.toString(),
                "-t", state.toString(), "-f", dir.resolve("qemu-ga.pid").toString(), "-l", log.toString()))
                .redirectErrorStream(true).redirectOutput(dir.resolve("qemu-ga.out").toFile()).start();
        QemuGuestAgentProcess agent = new QemuGuestAgentProcess(process, socket, log);
        // qemu-ga creates the socket once it listens: poll for it with a deadline
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!Files.exists(socket)) {
            if (!process.isAlive()) {
                fail("qemu-ga exited with " + process.exitValue() + ": " + agent.output(dir));
            }
            if (System.nanoTime() > deadline) {
                agent.close();
                fail("qemu-ga did not create " + socket + " within 20 s");
            }
            Thread.sleep(20);
        }
        return agent;
    }

    private String output(Path dir) throws IOException {
        Path out = dir.resolve("qemu-ga.out");
        return (Files.exists(out) ? Files.readString(out) : "") + (Files.exists(log) ? Files.readString(log) : "");
    }

    Path socket() {
        return socket;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
