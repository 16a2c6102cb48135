package org.deskplane.delivery.agent.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.deskplane.delivery.wire.DeliveryWire;

/**
 * Runs one payload script: {@code /bin/sh <script> args…} in the payload's root, with {@code DESKPLANE_PAYLOAD_DIR}
 * and {@code DESKPLANE_JOB} set, its output (stdout and stderr together) going line by line into the job's log, and
 * lines {@code DESKPLANE-PROGRESS <n>} reporting the step's own progress. Past the deadline or on cancel the
 * script's whole process tree is killed.
 */
final class ScriptStep {
    static final String PAYLOAD_DIR_ENV = "DESKPLANE_PAYLOAD_DIR";
    static final String JOB_ENV = "DESKPLANE_JOB";
    private static final Pattern PROGRESS = Pattern.compile("DESKPLANE-PROGRESS\\s+(\\d{1,3})\\s*");
    private static final long READER_GRACE_MILLIS = 2000;

    /** Runs the script to its end; returns its exit code, or throws when it was killed. */
    int run(Job job, Path root, String script, List<String> args, Deadline deadline, IntConsumer stepProgress)
            throws JobFailure, IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add("/bin/sh");
        command.add(script);
        command.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(command).directory(root.toFile()).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        Map<String, String> env = pb.environment();
        env.put(PAYLOAD_DIR_ENV, root.toString());
        env.put(JOB_ENV, job.id());
        Process p = pb.start();
        Thread reader = Thread.ofPlatform().daemon().name("delivery-log-" + job.id())
                .start(() -> readLines(p.getInputStream(), job, stepProgress));
        try {
            if (!job.running(p)) {
                p.waitFor(5, TimeUnit.SECONDS);
                throw JobFailure.cancelled("cancelled", exitOrNull(p));
            }
            boolean ended = p.waitFor(deadline.remainingMillis(), TimeUnit.MILLISECONDS);
            if (!ended) {
                ProcessTrees.kill(p.toHandle());
                p.waitFor(5, TimeUnit.SECONDS);
                reader.join(READER_GRACE_MILLIS);
                throw job.cancelRequested() ? JobFailure.cancelled("cancelled", exitOrNull(p))
                        : JobFailure.failed(deadline.message(), exitOrNull(p));
            }
            // output still in the pipe belongs to this step's log; a background child holding the pipe is not waited for
            reader.join(READER_GRACE_MILLIS);
            if (job.cancelRequested()) {
                throw JobFailure.cancelled("cancelled", p.exitValue());
            }
            return p.exitValue();
        } finally {
            job.notRunning();
            if (p.isAlive()) {
                ProcessTrees.kill(p.toHandle());
            }
        }
    }

    private static Integer exitOrNull(Process p) {
        return p.isAlive() ? null : p.exitValue();
    }

    private static void readLines(InputStream in, Job job, IntConsumer stepProgress) {
        try (Reader r = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            StringBuilder line = new StringBuilder();
            boolean cut = false;
            for (int c; (c = r.read()) >= 0;) {
                if (c == '\n') {
                    emit(line, job, stepProgress);
                    line.setLength(0);
                    cut = false;
                } else if (c != '\r' && !cut) {
                    line.append((char) c);
                    // a line without end must not grow without bound: the rest of it is dropped
                    cut = line.length() >= DeliveryWire.MAX_LOG_LINE;
                }
            }
            if (!line.isEmpty()) {
                emit(line, job, stepProgress);
            }
        } catch (IOException e) {
            // the process was killed and its pipe closed
        }
    }

    private static void emit(CharSequence line, Job job, IntConsumer stepProgress) {
        String text = line.toString();
        Matcher m = PROGRESS.matcher(text);
        if (m.matches()) {
            stepProgress.accept(Math.min(100, Integer.parseInt(m.group(1))));
        }
        job.log(text);
    }
}
