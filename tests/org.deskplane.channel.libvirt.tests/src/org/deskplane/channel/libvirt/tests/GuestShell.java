package org.deskplane.channel.libvirt.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.deskplane.qga.api.GuestAgentClient;
import org.deskplane.qga.api.GuestExecRequest;
import org.deskplane.qga.api.GuestExecResult;

/** What the real-guest tests do on the host and, through QEMU's guest agent, in the guest. */
final class GuestShell {
    /** A TCG guest boots, starts its agent and answers within this (minutes under load). */
    static final Duration BOOT = Duration.ofMinutes(5);
    static final Path IMAGES = Path.of("/var/lib/libvirt/images/deskplane-tests");

    private GuestShell() {
    }

    /** Runs a shell script in the guest; it must exit 0. */
    static void guest(GuestAgentClient qga, String script) throws Exception {
        GuestExecResult result = qga.exec(GuestExecRequest.of("/bin/sh", "-c", script).withTimeout(Duration.ofSeconds(60)));
        assertEquals(0, result.exitCode(), script + ": " + result.stderrText());
    }

    /** Whether a shell script in the guest exits 0 (false also when the guest agent does not answer yet). */
    static boolean guestRuns(GuestAgentClient qga, String script) {
        try {
            return qga.exec(GuestExecRequest.of("/bin/sh", "-c", script).withTimeout(Duration.ofSeconds(30))).exitCode() == 0;
        } catch (Exception e) {
            return false;
        }
    }

    /** What a shell script in the guest printed (for failure messages; the error when it could not run). */
    static String guestOutput(GuestAgentClient qga, String script) {
        try {
            GuestExecResult result = qga.exec(GuestExecRequest.of("/bin/sh", "-c", script).withTimeout(Duration.ofSeconds(30)));
            return result.stdoutText() + result.stderrText();
        } catch (Exception e) {
            return "(" + e + ")";
        }
    }

    /** Polls until the condition holds, failing after {@link #BOOT}. */
    static void waitFor(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + BOOT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("not within " + BOOT + ": " + what);
            }
            Thread.sleep(250);
        }
    }

    /** Runs a command on the host; it must exit 0 within 60 s. */
    static void run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS) && process.exitValue() == 0, String.join(" ", command) + ": " + output);
    }
}
