package org.deskplane.delivery.agent.internal;

/** Processing ended without success: the job's final message and exit code (null when no step ran to an end). */
final class JobFailure extends Exception {
    private static final long serialVersionUID = 1L;
    private final Integer exitCode;
    private final boolean cancelled;

    private JobFailure(String message, Integer exitCode, boolean cancelled) {
        super(message);
        this.exitCode = exitCode;
        this.cancelled = cancelled;
    }

    static JobFailure failed(String message, Integer exitCode) {
        return new JobFailure(message, exitCode, false);
    }

    static JobFailure cancelled(String message, Integer exitCode) {
        return new JobFailure(message, exitCode, true);
    }

    Integer exitCode() {
        return exitCode;
    }

    boolean isCancelled() {
        return cancelled;
    }
}
