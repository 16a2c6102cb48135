package org.deskplane.delivery.api;

/**
 * A delivery step that did not work. {@link #reason()} says what kind of failure it was, so the engine knows
 * whether to retry ({@link Reason#TRANSIENT}) and REST knows which status to answer.
 */
public class DeliveryException extends Exception {
    private static final long serialVersionUID = 1L;

    public enum Reason {
        /** Bad input from the caller (unknown payload, malformed manifest, bad selector): not retried. */
        INVALID,
        /** Something named does not exist (payload, deployment, VM). */
        NOT_FOUND,
        /** The request conflicts with the current state (payload in use, deployment finished). */
        CONFLICT,
        /** The guest agent did not answer (not installed, not running, channel down). */
        AGENT_UNAVAILABLE,
        /** The hypervisor or this VM cannot do it (no CD-ROM drive, driver refuses hot-plug). */
        NOT_SUPPORTED,
        /** Worth trying again: a connection dropped, a device was busy. */
        TRANSIENT,
        /** A deadline passed. */
        TIMEOUT,
        /** The guest processed the payload and it failed. */
        FAILED
    }

    private final Reason reason;

    public DeliveryException(Reason reason, String message) {
        this(reason, message, null);
    }

    public DeliveryException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
