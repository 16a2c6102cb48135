package org.deskplane.delivery.agent.internal;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.deskplane.delivery.spi.GuestJob;
import org.deskplane.delivery.spi.GuestState;
import org.deskplane.delivery.spi.GuestStatus;

/**
 * One payload the host asked this guest to process: its state as the host sees it, its log, and what is running for
 * it right now (so cancel can kill it). Thread-safe; the runner thread and the channel handlers share it.
 */
final class Job {
    private final GuestJob request;
    private final JobLog log;
    private final CountDownLatch ended = new CountDownLatch(1);
    private GuestState state = GuestState.PREPARED;
    private int progress;
    private String message = "prepared";
    private Integer exitCode;
    private boolean started;
    private volatile boolean cancelRequested;
    private Process running;
    private Path mountPoint;

    Job(GuestJob request, int maxLogLines) {
        this.request = request;
        this.log = new JobLog(maxLogLines);
    }

    GuestJob request() {
        return request;
    }

    String id() {
        return request.jobId();
    }

    JobLog log() {
        return log;
    }

    void log(String line) {
        log.add(line);
    }

    /** Marks the job started; false when it was started (or ended) before, so a resent start does nothing. */
    synchronized boolean start() {
        if (started || state.isFinal()) {
            return false;
        }
        started = true;
        state = GuestState.RUNNING;
        message = "starting";
        return true;
    }

    synchronized void progress(int percent, String what) {
        if (state == GuestState.RUNNING) {
            progress = Math.max(progress, Math.min(100, Math.max(0, percent)));
            if (what != null) {
                message = what;
            }
        }
    }

    /** Sets the final state once; later calls are ignored (a cancel racing the end of the last step). */
    synchronized void finish(GuestState finalState, String finalMessage, Integer code) {
        if (state.isFinal()) {
            return;
        }
        state = finalState;
        message = finalMessage;
        exitCode = code;
        if (finalState == GuestState.SUCCEEDED) {
            progress = 100;
        }
        running = null;
        ended.countDown();
        log.add("[agent] " + finalState.name().toLowerCase() + ": " + finalMessage
                + (code == null ? "" : " (exit code " + code + ")"));
    }

    synchronized boolean isFinal() {
        return state.isFinal();
    }

    synchronized boolean isRunning() {
        return state == GuestState.RUNNING;
    }

    /** Waits for the final state (bounded); true when it was reached. */
    boolean awaitEnd(long millis) throws InterruptedException {
        return ended.await(millis, TimeUnit.MILLISECONDS);
    }

    synchronized GuestStatus status(int logFrom, int maxLines) {
        JobLog.Slice slice = log.from(logFrom, maxLines);
        return new GuestStatus(state, progress, message, exitCode, slice.lines(), slice.next());
    }

    /** Asks the job to stop: kills what runs now; a job not started yet ends cancelled at once. */
    void cancel() {
        cancelRequested = true;
        Process p;
        synchronized (this) {
            p = running;
            if (!started && !state.isFinal()) {
                finish(GuestState.CANCELLED, "cancelled before it started", null);
            }
        }
        if (p != null) {
            ProcessTrees.kill(p.toHandle());
        }
    }

    boolean cancelRequested() {
        return cancelRequested;
    }

    /** Registers the step's process; false (and the process killed) when the job was cancelled meanwhile. */
    boolean running(Process p) {
        synchronized (this) {
            running = p;
        }
        if (cancelRequested) {
            ProcessTrees.kill(p.toHandle());
            return false;
        }
        return true;
    }

    synchronized void notRunning() {
        running = null;
    }

    synchronized void mountedAt(Path dir) {
        mountPoint = dir;
    }

    synchronized Path mountPoint() {
        return mountPoint;
    }
}
