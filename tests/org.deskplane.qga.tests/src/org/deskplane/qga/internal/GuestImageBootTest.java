package org.deskplane.qga.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.deskplane.qga.api.GuestAgentClient;
import org.deskplane.qga.api.GuestAgentException;
import org.deskplane.qga.api.GuestAgentOptions;
import org.deskplane.qga.api.GuestExecRequest;
import org.deskplane.qga.api.GuestExecResult;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end with the real guest image: boot it with releng/scripts/boot-guest (TCG when KVM does not
 * work), reach the qemu-ga inside over the virtio-serial channel's Unix socket, run a program and move a
 * file, check that the agent disk is mounted read-only at /opt/deskplane, then reboot the guest, which
 * makes QEMU (-no-reboot) exit. The image is the one the build made before the tests (its path is in the
 * file named by system property deskplane.guestImageFile), or DESKPLANE_GUEST_IMAGE when that is set.
 * Skipped only when the build was told to skip the image (-Ddeskplane.guestImage.skip=true); a missing
 * image otherwise is a failure, not a silent skip.
 */
class GuestImageBootTest {
    private static final Duration BOOT_DEADLINE = Duration.ofMinutes(5);

    @TempDir
    Path dir;

    @Test
    void qemuGuestAgentInsideTheBootedImageAnswers() throws Exception {
        if (Boolean.getBoolean("deskplane.guestImage.skip")) {
            String reason = "skipped: the guest image build was skipped (-Ddeskplane.guestImage.skip=true)";
            System.out.println("GuestImageBootTest " + reason);
            Assumptions.abort(reason);
        }
        String image = guestImage();
        assertTrue(Files.isRegularFile(Path.of(image)), "guest image " + image + " is not a file");
        boolean withAgentDisk = Files.isRegularFile(Path.of(image).resolveSibling("agent.qcow2"));
        if (System.getenv().getOrDefault("DESKPLANE_GUEST_IMAGE", "").isBlank()) {
            assertTrue(withAgentDisk, "the build's image (--require-agent) has no agent.qcow2 beside " + image);
        }
        String bootGuest = System.getProperty("deskplane.bootGuest", "releng/scripts/boot-guest");
        Path socket = dir.resolve("qga.sock");
        Path serial = dir.resolve("serial.log");
        long started = System.nanoTime();
        Process qemu = new ProcessBuilder(List.of(bootGuest, "--image", image, "--qga-socket", socket.toString(),
                "--serial-log", serial.toString())).redirectErrorStream(true)
                .redirectOutput(dir.resolve("boot-guest.out").toFile()).start();
        try (GuestAgentClient client = connect(qemu, socket, serial)) {
            long booted = System.nanoTime();
            System.out.printf("GuestImageBootTest: qemu-ga in the guest answered %.1f s after boot-guest started%n",
                    (booted - started) / 1e9);
            client.ping();
            GuestExecResult uname = client.exec(GuestExecRequest.of("/bin/uname", "-n"));
            assertEquals(0, uname.exitCode());
            assertEquals("deskplane-guest", uname.stdoutText().trim());

            byte[] content = new byte[64 * 1024];
            new Random(7).nextBytes(content);
            client.writeFile("/tmp/round-trip.bin", content);
            assertArrayEquals(content, client.readFile("/tmp/round-trip.bin", 1 << 20));

            if (withAgentDisk) {
                // the init mounts agent.qcow2 (label deskplane-agent) read-only where it starts the agent from; qemu-ga
                // starts before that mount, so a fast answer may come first: wait for it (bounded)
                GuestExecResult mounts = client.exec(GuestExecRequest.of("/bin/grep", " /opt/deskplane ", "/proc/mounts"));
                long mountDeadline = System.nanoTime() + java.time.Duration.ofSeconds(60).toNanos();
                while (mounts.exitCode() != 0 && System.nanoTime() < mountDeadline) {
                    Thread.sleep(250);
                    mounts = client.exec(GuestExecRequest.of("/bin/grep", " /opt/deskplane ", "/proc/mounts"));
                }
                assertEquals(0, mounts.exitCode(), "/opt/deskplane is not mounted within 60 s; console: " + tail(serial));
                String[] mount = mounts.stdoutText().trim().split(" ");
                assertEquals("ext4", mount[2], mounts.stdoutText());
                assertTrue(("," + mount[3] + ",").contains(",ro,"), "not read-only: " + mounts.stdoutText());
                GuestExecResult java = client.exec(GuestExecRequest.of("/opt/deskplane/jre/bin/java", "-version"));
                assertEquals(0, java.exitCode(), "the agent disk's Java runtime does not run");
            }

            // reboot = exit, thanks to -no-reboot; the agent's answer may never come, which is fine
            try {
                client.exec(GuestExecRequest.of("/bin/sh", "-c", "echo b > /proc/sysrq-trigger").withTimeout(Duration.ofSeconds(5)));
            } catch (GuestAgentException expected) {
                // the guest went down under the call
            }
            assertTrue(qemu.waitFor(60, TimeUnit.SECONDS), "QEMU did not exit after the guest rebooted");
        } finally {
            if (qemu.isAlive()) {
                qemu.destroy();
                if (!qemu.waitFor(10, TimeUnit.SECONDS)) {
                    qemu.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            }
        }
    }

    /** DESKPLANE_GUEST_IMAGE if set, else the path build-guest-image wrote (--print-to) before the tests. */
    private static String guestImage() throws Exception {
        String image = System.getenv("DESKPLANE_GUEST_IMAGE");
        if (image != null && !image.isBlank()) {
            return image;
        }
        String pathFile = System.getProperty("deskplane.guestImageFile");
        if (pathFile == null || pathFile.isBlank()) {
            fail("no guest image: neither DESKPLANE_GUEST_IMAGE nor system property deskplane.guestImageFile is set");
        }
        Path file = Path.of(pathFile);
        if (!Files.isRegularFile(file)) {
            fail(file + " is missing: the build's build-guest-image execution did not run or failed");
        }
        return Files.readString(file).trim();
    }

    /** Retries until the guest has booted and its qemu-ga answers, or the boot deadline passes. */
    private static GuestAgentClient connect(Process qemu, Path socket, Path serial) throws Exception {
        GuestAgentOptions options = GuestAgentOptions.DEFAULTS.withCallTimeout(Duration.ofSeconds(3));
        long deadline = System.nanoTime() + BOOT_DEADLINE.toNanos();
        GuestAgentException last = null;
        while (System.nanoTime() < deadline) {
            if (!qemu.isAlive()) {
                fail("QEMU exited with " + qemu.exitValue() + "; console: " + tail(serial));
            }
            if (Files.exists(socket)) {
                try {
                    return QgaClient.open(UnixSocketQgaTransport.connect(socket, options.maxResponseBytes()), options);
                } catch (GuestAgentException e) {
                    last = e; // not booted yet: qemu-ga is not listening on the port
                }
            }
            Thread.sleep(500);
        }
        fail("qemu-ga in the guest did not answer within " + BOOT_DEADLINE + " (" + last + "); console: " + tail(serial));
        return null;
    }

    private static String tail(Path serial) throws Exception {
        if (!Files.exists(serial)) {
            return "(no console log)";
        }
        List<String> lines = Files.readAllLines(serial, java.nio.charset.StandardCharsets.ISO_8859_1);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
    }
}
