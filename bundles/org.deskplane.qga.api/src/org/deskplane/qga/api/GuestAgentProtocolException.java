package org.deskplane.qga.api;

/**
 * The agent's bytes are not the QGA protocol: malformed JSON, too deep, larger than the configured limit,
 * or a response that does not match the command. The client resynchronises before its next call.
 */
public class GuestAgentProtocolException extends GuestAgentException {
    private static final long serialVersionUID = 1L;

    public GuestAgentProtocolException(String message) {
        super(message);
    }

    public GuestAgentProtocolException(String message, Throwable cause) {
        super(message, cause);
    }
}
