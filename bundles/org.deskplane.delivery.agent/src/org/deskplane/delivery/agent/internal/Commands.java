package org.deskplane.delivery.agent.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Runs short system commands (modprobe, mount, umount) with a time limit and a bounded capture of their output. */
final class Commands {
    private static final int MAX_OUTPUT = 4096;

    record Result(int exitCode, String output) {
        boolean ok() {
            return exitCode == 0;
        }
    }

    private Commands() {
    }

    static Result run(List<String> command, Duration timeout) {
        String name = String.join(" ", command);
        Process p;
        try {
            p = new ProcessBuilder(command).redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .start();
        } catch (IOException e) {
            return new Result(-1, name + ": " + e.getMessage());
        }
        CompletableFuture<String> output = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> output.complete(readBounded(p.getInputStream())));
        try {
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                ProcessTrees.kill(p.toHandle());
                return new Result(-1, name + ": no answer within " + timeout.toSeconds() + " s");
            }
            String text;
            try {
                text = output.get(2, TimeUnit.SECONDS);
            } catch (ExecutionException | TimeoutException e) {
                text = ""; // a child of the command still holds its output open: the exit code is what counts
            }
            return new Result(p.exitValue(), text);
        } catch (InterruptedException e) {
            ProcessTrees.kill(p.toHandle());
            Thread.currentThread().interrupt();
            return new Result(-1, name + ": interrupted");
        }
    }

    /** The first {@link #MAX_OUTPUT} bytes; the rest is read and dropped so the command never blocks writing. */
    private static String readBounded(InputStream in) {
        try (in) {
            byte[] head = in.readNBytes(MAX_OUTPUT);
            in.transferTo(OutputStream.nullOutputStream());
            return new String(head, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            return "";
        }
    }
}
