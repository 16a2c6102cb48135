package org.deskplane.print.api;

/** Where a job is. The last three are terminal: the job will not change any more. */
public enum PrintJobState {
    /** Accepted, waiting (also held jobs: see the status reason). */
    PENDING,
    /** Being printed (or stopped at the printer, see the status reason). */
    PROCESSING,
    COMPLETED,
    /** Ended by the backend with an error: see the status reason. */
    ABORTED,
    CANCELLED;

    public boolean isTerminal() {
        return this == COMPLETED || this == ABORTED || this == CANCELLED;
    }
}
