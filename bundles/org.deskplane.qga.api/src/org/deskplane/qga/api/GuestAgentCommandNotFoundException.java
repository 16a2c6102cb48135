package org.deskplane.qga.api;

/** The agent does not offer the command: unknown to its version ({@code CommandNotFound}) or disabled by its administrator. */
public class GuestAgentCommandNotFoundException extends GuestAgentErrorException {
    private static final long serialVersionUID = 1L;

    public GuestAgentCommandNotFoundException(String command, String errorClass, String description) {
        super(command, errorClass, description);
    }
}
