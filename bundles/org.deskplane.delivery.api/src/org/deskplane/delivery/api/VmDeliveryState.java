package org.deskplane.delivery.api;

/**
 * Where the delivery of one payload to one VM stands. The usual path is PENDING → PREPARED (the guest agent
 * acknowledged) → ATTACHED (the device is in) → PROCESSING → one outcome (SUCCEEDED, FAILED, TIMED_OUT, CANCELLED)
 * → CLEANED (device detached, temporary files gone). Every item ends CLEANED, whatever happened; the outcome stays
 * in {@link VmDelivery#outcome()}.
 */
public enum VmDeliveryState {
    PENDING, PREPARED, ATTACHED, PROCESSING, SUCCEEDED, FAILED, TIMED_OUT, CANCELLED, CLEANED;

    /** One of the four outcomes. */
    public boolean isOutcome() {
        return this == SUCCEEDED || this == FAILED || this == TIMED_OUT || this == CANCELLED;
    }

    /** Work with a device or the guest may be under way (clean-up is owed). */
    public boolean isActive() {
        return this == PREPARED || this == ATTACHED || this == PROCESSING;
    }
}
