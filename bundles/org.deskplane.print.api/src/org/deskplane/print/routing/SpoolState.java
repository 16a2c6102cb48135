package org.deskplane.print.routing;

/** Where a job is in the router. */
public enum SpoolState {
    /** Durably spooled (document on disk, synced), waiting for its printer's driver. */
    SPOOLED,
    /** Handed to the driver, which is printing it (pending or processing there). */
    PRINTING,
    COMPLETED,
    /** Ended with an error: see the reason. */
    ABORTED,
    CANCELLED,
    /** Refused by policy: it never reached a printer. */
    DENIED;

    public boolean isTerminal() {
        return this == COMPLETED || this == ABORTED || this == CANCELLED || this == DENIED;
    }
}
