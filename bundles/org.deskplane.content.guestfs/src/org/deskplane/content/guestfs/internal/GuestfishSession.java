package org.deskplane.content.guestfs.internal;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

import org.deskplane.content.api.ContentException;
import org.deskplane.content.api.ContentException.Reason;

/**
 * One long-lived {@code guestfish} process (one libguestfs helper VM), driven line by line over its stdin. After
 * each command we send {@code echo NONCE} (ends its stdout) and {@code !echo NONCE >&2} (ends its stderr), with a
 * fresh random nonce: a file's bytes cannot forge the end of a command, and what came on stderr before the
 * marker is that command's error. Commands are serialised; each has a deadline after which the process is killed
 * (the session is then broken and every later command fails).
 */
final class GuestfishSession implements AutoCloseable {

    /** Longest stderr line kept; longer ones are cut. */
    private static final int MAX_ERROR_LINE = 8192;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Process process;
    private final OutputStream commands;
    private final InputStream output;
    private final LinkedBlockingQueue<String> errors = new LinkedBlockingQueue<>(10_000);
    private final ReentrantLock lock = new ReentrantLock();
    private volatile boolean broken;

    private GuestfishSession(Process process) {
        this.process = process;
        this.commands = process.getOutputStream();
        this.output = process.getInputStream();
        Thread.ofVirtual().name("guestfish-stderr-" + process.pid()).start(this::collectErrors);
    }

    /** Starts {@code guestfish --ro -a IMAGE} (the helper VM is launched by the first {@code run}). */
    static GuestfishSession start(List<String> command, Map<String, String> environment) throws ContentException {
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(environment);
        try {
            return new GuestfishSession(builder.start());
        } catch (IOException e) {
            throw new ContentException(Reason.UNAVAILABLE, "libguestfs cannot be started (" + command.get(0)
                    + "): " + e.getMessage(), e);
        }
    }

    /** What a command printed: its stdout bytes and its stderr lines. */
    record Result(byte[] output, List<String> errors) {
        String text() {
            return new String(output, StandardCharsets.UTF_8);
        }

        boolean failed() {
            return errors.stream().anyMatch(line -> line.contains("error:"));
        }

        String errorText() {
            return String.join("; ", errors.stream().map(line -> line.replaceFirst("^\\*stdin\\*:\\d+: ", "")).toList());
        }
    }

    /**
     * Runs command lines (already quoted with {@link #quote}) as one batch; errors do not end guestfish ("-"
     * prefix). Output above {@code maxOutput} bytes breaks the session: the rest cannot be skipped safely.
     */
    Result run(List<String> lines, Duration timeout, int maxOutput) throws IOException {
        lock.lock();
        try {
            if (broken || !process.isAlive()) {
                throw new ContentException(Reason.UNAVAILABLE, "the libguestfs helper VM has stopped");
            }
            String nonce = "@@deskplane-" + HexFormat.of().formatHex(randomBytes()) + "@@";
            StringBuilder script = new StringBuilder();
            for (String line : lines) {
                if (line.indexOf('\n') >= 0 || line.indexOf('\r') >= 0) {
                    throw new ContentException(Reason.INVALID, "a guestfish command may not span lines");
                }
                script.append('-').append(line).append('\n');
            }
            script.append("echo ").append(nonce).append('\n');
            script.append("!echo ").append(nonce).append(" >&2\n");
            Watchdog watchdog = new Watchdog(timeout);
            try {
                commands.write(script.toString().getBytes(StandardCharsets.UTF_8));
                commands.flush();
                byte[] out = readUntil((nonce + "\n").getBytes(StandardCharsets.US_ASCII), maxOutput);
                List<String> errorLines = errorsUntil(nonce, watchdog);
                return new Result(out, errorLines);
            } catch (IOException e) {
                broken = true;
                process.destroyForcibly();
                if (watchdog.expired()) {
                    throw new ContentException(Reason.UNAVAILABLE, "libguestfs did not answer within " + timeout
                            + " (" + lines.get(0).split(" ", 2)[0] + ")", e);
                }
                throw e;
            } finally {
                watchdog.cancel();
            }
        } finally {
            lock.unlock();
        }
    }

    private static byte[] randomBytes() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    private byte[] readUntil(byte[] marker, int maxOutput) throws IOException {
        byte[] buffer = new byte[65536];
        int size = 0;
        while (true) {
            if (size == buffer.length) {
                if (buffer.length >= maxOutput + marker.length) {
                    throw new ContentException(Reason.UNREADABLE, "libguestfs printed more than " + maxOutput + " bytes");
                }
                buffer = Arrays.copyOf(buffer, (int) Math.min((long) maxOutput + marker.length, 2L * buffer.length));
            }
            int n = output.read(buffer, size, buffer.length - size);
            if (n < 0) {
                throw new ContentException(Reason.UNAVAILABLE, "libguestfs ended unexpectedly" + lastErrors());
            }
            size += n;
            if (size >= marker.length && Arrays.equals(buffer, size - marker.length, size, marker, 0, marker.length)) {
                return Arrays.copyOf(buffer, size - marker.length);
            }
        }
    }

    private List<String> errorsUntil(String nonce, Watchdog watchdog) throws IOException {
        List<String> lines = new ArrayList<>();
        while (true) {
            String line;
            try {
                line = errors.poll(Math.max(1, watchdog.remainingMillis()), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting for libguestfs", e);
            }
            if (line == null) {
                throw new IOException("libguestfs's error stream did not end the command");
            }
            if (line.equals(nonce)) {
                return lines;
            }
            if (lines.size() < 100) {
                lines.add(line);
            }
        }
    }

    private String lastErrors() {
        List<String> lines = new ArrayList<>();
        errors.drainTo(lines);
        return lines.isEmpty() ? "" : ": " + StructOutput.abbreviate(String.join("; ", lines));
    }

    private void collectErrors() {
        try (InputStream in = process.getErrorStream()) {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            int b;
            while ((b = in.read()) >= 0) {
                if (b == '\n') {
                    // a full queue means nobody reads: drop rather than block guestfish
                    errors.offer(line.toString(StandardCharsets.UTF_8));
                    line.reset();
                } else if (line.size() < MAX_ERROR_LINE) {
                    line.write(b);
                }
            }
        } catch (IOException e) {
            // the process ended; commands notice on stdout
        }
    }

    /** Quotes one argument for a guestfish command line (double quotes, with escapes for what they need). */
    static String quote(String argument) {
        StringBuilder quoted = new StringBuilder("\"");
        for (char c : argument.toCharArray()) {
            if (c == '"' || c == '\\' || c < 0x20 || c == 0x7f) {
                quoted.append(String.format("\\x%02x", (int) c));
            } else {
                quoted.append(c);
            }
        }
        return quoted.append('"').toString();
    }

    boolean alive() {
        return !broken && process.isAlive();
    }

    /** Asks guestfish to quit (it shuts the helper VM down), then kills it if it does not within 10 s. */
    @Override
    public void close() {
        broken = true;
        try {
            commands.write("quit\n".getBytes(StandardCharsets.US_ASCII));
            commands.close();
        } catch (IOException e) {
            // already gone
        }
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    long pid() {
        return process.pid();
    }

    /** Kills the process when a command overruns its deadline, which ends the blocked read. */
    private final class Watchdog {
        private final long deadline;
        private final Thread thread;
        private volatile boolean expired;

        Watchdog(Duration timeout) {
            this.deadline = System.nanoTime() + timeout.toNanos();
            this.thread = Thread.ofVirtual().start(() -> {
                try {
                    Thread.sleep(timeout);
                    expired = true;
                    process.descendants().forEach(ProcessHandle::destroyForcibly);
                    process.destroyForcibly();
                } catch (InterruptedException e) {
                    // cancelled: the command finished
                }
            });
        }

        long remainingMillis() {
            return TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
        }

        boolean expired() {
            return expired;
        }

        void cancel() {
            thread.interrupt();
        }
    }
}
