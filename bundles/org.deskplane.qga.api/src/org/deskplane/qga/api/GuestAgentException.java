package org.deskplane.qga.api;

/** Any failure talking to a QEMU guest agent; the subclasses say which kind. */
public abstract class GuestAgentException extends Exception {
    private static final long serialVersionUID = 1L;

    protected GuestAgentException(String message) {
        super(message);
    }

    protected GuestAgentException(String message, Throwable cause) {
        super(message, cause);
    }
}
