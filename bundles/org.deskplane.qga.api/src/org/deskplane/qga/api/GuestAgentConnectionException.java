package org.deskplane.qga.api;

/** The agent cannot be reached: no socket, connection refused or closed, or the client was closed. */
public class GuestAgentConnectionException extends GuestAgentException {
    private static final long serialVersionUID = 1L;

    public GuestAgentConnectionException(String message) {
        super(message);
    }

    public GuestAgentConnectionException(String message, Throwable cause) {
        super(message, cause);
    }
}
