package org.deskplane.delivery.spi;

/** What the guest says about a job. */
public enum GuestState {
    /** The guest does not know the job (never told, or its agent restarted and lost it). */
    UNKNOWN, PREPARED, RUNNING, SUCCEEDED, FAILED, CANCELLED;

    public boolean isFinal() {
        return this == SUCCEEDED || this == FAILED || this == CANCELLED;
    }
}
