package org.deskplane.qga.api;

/** The agent did not answer in time (not running, hung, or the guest command ran past its timeout). */
public class GuestAgentTimeoutException extends GuestAgentException {
    private static final long serialVersionUID = 1L;

    public GuestAgentTimeoutException(String message) {
        super(message);
    }
}
