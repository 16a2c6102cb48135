package org.deskplane.qga.api;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A program for {@code guest-exec}: absolute {@code path} in the guest, its arguments, extra environment
 * ({@code NAME=value}), optional standard input, how long to wait for it to exit, and how many bytes of
 * stdout and of stderr to keep (the agent itself also truncates large output).
 */
public record GuestExecRequest(String path, List<String> args, List<String> env, byte[] input, Duration timeout,
        int maxOutputBytes) {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);
    public static final int DEFAULT_MAX_OUTPUT_BYTES = 1 << 20;

    public GuestExecRequest {
        Objects.requireNonNull(path, "path");
        if (path.isBlank()) {
            throw new IllegalArgumentException("path must not be blank");
        }
        args = List.copyOf(args);
        env = List.copyOf(env);
        input = input == null ? null : input.clone();
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, was " + timeout);
        }
        if (maxOutputBytes < 0) {
            throw new IllegalArgumentException("maxOutputBytes must not be negative");
        }
    }

    /** {@code path} with {@code args}, no input, {@link #DEFAULT_TIMEOUT}, {@link #DEFAULT_MAX_OUTPUT_BYTES}. */
    public static GuestExecRequest of(String path, String... args) {
        return new GuestExecRequest(path, List.of(args), List.of(), null, DEFAULT_TIMEOUT, DEFAULT_MAX_OUTPUT_BYTES);
    }

    public GuestExecRequest withTimeout(Duration newTimeout) {
        return new GuestExecRequest(path, args, env, input, newTimeout, maxOutputBytes);
    }

    public GuestExecRequest withInput(byte[] newInput) {
        return new GuestExecRequest(path, args, env, newInput, timeout, maxOutputBytes);
    }

    public GuestExecRequest withEnv(List<String> newEnv) {
        return new GuestExecRequest(path, args, newEnv, input, timeout, maxOutputBytes);
    }

    public GuestExecRequest withMaxOutputBytes(int bytes) {
        return new GuestExecRequest(path, args, env, input, timeout, bytes);
    }

    @Override
    public byte[] input() {
        return input == null ? null : input.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GuestExecRequest r && path.equals(r.path) && args.equals(r.args) && env.equals(r.env)
                && Arrays.equals(input, r.input) && timeout.equals(r.timeout) && maxOutputBytes == r.maxOutputBytes;
    }

    @Override
    public int hashCode() {
        return Objects.hash(path, args, env, Arrays.hashCode(input), timeout, maxOutputBytes);
    }

    @Override
    public String toString() {
        return "GuestExecRequest[" + path + " " + args + ", timeout " + timeout + "]";
    }
}
