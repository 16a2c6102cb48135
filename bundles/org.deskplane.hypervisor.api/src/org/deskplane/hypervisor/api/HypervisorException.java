package org.deskplane.hypervisor.api;

/** A hypervisor operation failed; {@link #kind()} says how, the message says what in plain words. */
public class HypervisorException extends Exception {
    private static final long serialVersionUID = 1L;

    /** How an operation failed. */
    public enum Kind {
        /** The VM, snapshot, device or connection does not exist. */
        NOT_FOUND,
        /** The hypervisor driver does not offer this operation ({@link NotSupportedException}). */
        NOT_SUPPORTED,
        /** The connection is down (being retried) or dropped during the call. */
        CONNECTION_LOST,
        /** Bad input, or an operation not valid in the VM's current state. */
        INVALID,
        /** The hypervisor or the software in the guest did not answer in time (since 1.2). */
        TIMEOUT,
        /** Anything else the hypervisor reported. */
        FAILED,
        /** A {@link VmStartHook} refused the VM's start (since 1.4). */
        VETOED
    }

    private final Kind kind;

    public HypervisorException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public HypervisorException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
