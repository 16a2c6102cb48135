package org.deskplane.vmdiff.api;

/** A difference operation that failed, with what kind of failure it was so callers and REST can answer well. */
public class DifferenceException extends Exception {
    private static final long serialVersionUID = 1L;

    public enum Kind {
        /** No such VM, generation or base. */
        NOT_FOUND,
        /** Bytes that do not match their hash: a corrupted copy or transfer. Nothing was published from them. */
        CORRUPT,
        /** Two copies went different ways; an administrator decides which one wins. */
        DIVERGED,
        /** The VM's run lease is held elsewhere. */
        LEASE_HELD,
        /** The base image on this computer is not the one the difference was made on. */
        BASE_MISMATCH,
        /** The other side (usually the server) cannot be reached now. */
        UNREACHABLE,
        /** The request does not fit the VM's state (e.g. suspend a VM that does not run here). */
        INVALID
    }

    private final Kind kind;

    public DifferenceException(Kind kind, String message) {
        this(kind, message, null);
    }

    public DifferenceException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
