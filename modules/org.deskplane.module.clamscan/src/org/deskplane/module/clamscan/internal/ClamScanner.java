package org.deskplane.module.clamscan.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs one clamscan process over the given files with the given database only, stops it after the timeout and
 * keeps at most {@value #MAX_OUTPUT_BYTES} bytes of its output (a scan of many files cannot flood the host).
 */
final class ClamScanner {

    static final int MAX_OUTPUT_BYTES = 64 * 1024;

    private final String executable;
    private final Path database;
    private final Duration timeout;
    private final int maxFileSizeMegabytes;
    private final boolean alertExceedsMax;

    ClamScanner(String executable, Path database, Duration timeout, int maxFileSizeMegabytes, boolean alertExceedsMax) {
        this.executable = executable;
        this.database = database;
        this.timeout = timeout;
        this.maxFileSizeMegabytes = maxFileSizeMegabytes;
        this.alertExceedsMax = alertExceedsMax;
    }

    List<String> command(List<Path> targets) {
        List<String> command = new ArrayList<>();
        command.add(executable);
        command.add("--no-summary");
        command.add("--recursive=yes");
        command.add("--max-filesize=" + maxFileSizeMegabytes + "M");
        command.add("--max-scansize=" + maxFileSizeMegabytes + "M");
        command.add("--alert-exceeds-max=" + (alertExceedsMax ? "yes" : "no"));
        command.add("--database=" + database);
        command.add("--"); // a target named like an option stays a target
        targets.forEach(target -> command.add(target.toString()));
        return command;
    }

    ScanOutcome scan(List<Path> targets) {
        Process process;
        try {
            process = new ProcessBuilder(command(targets)).redirectErrorStream(true).start();
        } catch (IOException e) {
            return ScanOutcome.failed("could not run " + executable + ": " + e.getMessage());
        }
        BoundedReader output = new BoundedReader(process.getInputStream());
        Thread reader = Thread.ofVirtual().name("clamscan-output").start(output);
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                return ScanOutcome.failed("clamscan did not finish within " + timeout.toSeconds() + " s");
            }
            reader.join(TimeUnit.SECONDS.toMillis(5)); // the pipe closes when the process is gone
            return ClamScanOutput.outcome(process.exitValue(), output.text());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            return ScanOutcome.failed("interrupted while clamscan ran");
        }
    }

    /** Drains the process output (so that it never blocks on a full pipe) and keeps only the first bytes. */
    private static final class BoundedReader implements Runnable {

        private final InputStream in;
        private final ByteArrayOutputStream kept = new ByteArrayOutputStream();

        BoundedReader(InputStream in) {
            this.in = in;
        }

        @Override
        public void run() {
            byte[] buffer = new byte[8192];
            try (in) {
                int read;
                while ((read = in.read(buffer)) >= 0) {
                    synchronized (kept) {
                        int room = MAX_OUTPUT_BYTES - kept.size();
                        if (room > 0) {
                            kept.write(buffer, 0, Math.min(room, read));
                        }
                    }
                }
            } catch (IOException e) {
                // the process was stopped: what was read so far is what there is
            }
        }

        String text() {
            synchronized (kept) {
                return kept.toString(StandardCharsets.UTF_8);
            }
        }
    }
}
