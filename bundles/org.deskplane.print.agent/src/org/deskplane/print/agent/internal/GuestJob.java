package org.deskplane.print.agent.internal;

import org.deskplane.print.routing.SpoolState;
import org.deskplane.print.wire.JobInfo;

/**
 * One job as the guest's IPP clients see it. IPP job ids are small integers of this agent; the host knows the job by
 * its idempotency {@link #key}. Changed from the IPP threads and the host's events: every access is synchronized.
 */
final class GuestJob {
    static final int PENDING = 3;
    static final int PENDING_HELD = 4;
    static final int PROCESSING = 5;
    static final int CANCELED = 7;
    static final int ABORTED = 8;
    static final int COMPLETED = 9;

    final int id;
    final String key;
    final String printerId;
    final String name;
    final String user;
    final long createdSeconds;

    private int state = PENDING;
    private String reason = "job-incoming";
    private String message = "";
    private long processingSeconds;
    private long completedSeconds;
    private long bytes;
    private int pages;
    private boolean atHost;

    GuestJob(int id, String key, String printerId, String name, String user, long now) {
        this.id = id;
        this.key = key;
        this.printerId = printerId;
        this.name = name;
        this.user = user;
        this.createdSeconds = now;
    }

    synchronized int state() {
        return state;
    }

    synchronized String reason() {
        return reason;
    }

    synchronized String message() {
        return message;
    }

    synchronized long processingSeconds() {
        return processingSeconds;
    }

    synchronized long completedSeconds() {
        return completedSeconds;
    }

    synchronized long bytes() {
        return bytes;
    }

    synchronized int pages() {
        return pages;
    }

    synchronized boolean atHost() {
        return atHost;
    }

    synchronized boolean terminal() {
        return state >= CANCELED;
    }

    /** The document is being received from the IPP client. */
    synchronized void receiving(long now) {
        if (!terminal()) {
            state = PROCESSING;
            reason = "job-incoming";
            processingSeconds = processingSeconds == 0 ? now : processingSeconds;
        }
    }

    /** The document is complete in the spool file, the host has not confirmed it yet. */
    synchronized void waitingForHost(String why) {
        if (!terminal() && !atHost) {
            state = PENDING;
            reason = "job-queued";
            message = why;
        }
    }

    /** What the host says; a terminal state here is never undone. */
    synchronized void update(JobInfo info, long now) {
        if (terminal()) {
            return;
        }
        atHost = true;
        bytes = Math.max(bytes, info.bytes());
        pages = Math.max(pages, info.pages());
        message = info.reason();
        switch (info.state()) {
            case SPOOLED -> {
                state = PENDING;
                reason = "job-queued";
            }
            case PRINTING -> {
                state = PROCESSING;
                reason = "job-printing";
                processingSeconds = processingSeconds == 0 ? now : processingSeconds;
            }
            case COMPLETED -> end(COMPLETED, "job-completed-successfully", now);
            case CANCELLED -> end(CANCELED, "job-canceled-by-user", now);
            case ABORTED -> end(ABORTED, "aborted-by-system", now);
            case DENIED -> end(ABORTED, "job-canceled-by-operator", now);
        }
    }

    /** Ends the job here (refused by the host for good, cancelled before it reached the host, unreadable document). */
    synchronized void end(int endState, String endReason, String why, long now) {
        if (!terminal()) {
            message = why;
            end(endState, endReason, now);
        }
    }

    private void end(int endState, String endReason, long now) {
        state = endState;
        reason = endReason;
        completedSeconds = now;
        processingSeconds = processingSeconds == 0 ? now : processingSeconds;
    }

    static SpoolState hostState(JobInfo info) {
        return info.state();
    }
}
