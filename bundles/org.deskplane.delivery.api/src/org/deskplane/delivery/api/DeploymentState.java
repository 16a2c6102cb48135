package org.deskplane.delivery.api;

/** A deployment as a whole. */
public enum DeploymentState {
    /** Items are being worked on. */
    RUNNING,
    /** No new items start (the failure threshold was reached, or an admin paused it); running ones finish. */
    PAUSED,
    /** Every item is done (cleaned). */
    COMPLETED,
    /** Cancelled: running items were stopped and cleaned, pending ones will not start. */
    CANCELLED
}
