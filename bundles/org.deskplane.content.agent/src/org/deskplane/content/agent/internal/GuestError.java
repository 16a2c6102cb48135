package org.deskplane.content.agent.internal;

/**
 * A request the guest refuses, with the wire reason code (the name of a host-side ContentException.Reason:
 * NOT_FOUND, WRONG_TYPE, DENIED, INVALID, UNREADABLE).
 */
final class GuestError extends Exception {
    private static final long serialVersionUID = 1L;

    static final String NOT_FOUND = "NOT_FOUND";
    static final String WRONG_TYPE = "WRONG_TYPE";
    static final String DENIED = "DENIED";
    static final String INVALID = "INVALID";
    static final String UNREADABLE = "UNREADABLE";

    private final String reason;

    GuestError(String reason, String message) {
        super(message);
        this.reason = reason;
    }

    String reason() {
        return reason;
    }
}
