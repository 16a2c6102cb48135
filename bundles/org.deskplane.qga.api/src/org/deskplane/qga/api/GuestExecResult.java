package org.deskplane.qga.api;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * How a {@code guest-exec} program ended: its guest {@code pid}, {@code exitCode} (or -1 when it was killed
 * by {@code signal}, which is 0 otherwise), and its decoded stdout and stderr; a {@code *Truncated} flag is
 * set when the agent or this client cut the output at the limit.
 */
public record GuestExecResult(long pid, int exitCode, int signal, byte[] stdout, byte[] stderr, boolean stdoutTruncated,
        boolean stderrTruncated) {

    public GuestExecResult {
        stdout = stdout.clone();
        stderr = stderr.clone();
    }

    @Override
    public byte[] stdout() {
        return stdout.clone();
    }

    @Override
    public byte[] stderr() {
        return stderr.clone();
    }

    public String stdoutText() {
        return new String(stdout, StandardCharsets.UTF_8);
    }

    public String stderrText() {
        return new String(stderr, StandardCharsets.UTF_8);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GuestExecResult r && pid == r.pid && exitCode == r.exitCode && signal == r.signal
                && Arrays.equals(stdout, r.stdout) && Arrays.equals(stderr, r.stderr)
                && stdoutTruncated == r.stdoutTruncated && stderrTruncated == r.stderrTruncated;
    }

    @Override
    public int hashCode() {
        return Objects.hash(pid, exitCode, signal, Arrays.hashCode(stdout), Arrays.hashCode(stderr));
    }

    @Override
    public String toString() {
        return "GuestExecResult[pid " + pid + ", exit " + exitCode + ", signal " + signal + ", " + stdout.length
                + " bytes out, " + stderr.length + " bytes err]";
    }
}
