package org.deskplane.qga.api;

/**
 * The agent answered with a QGA error object: {@link #errorClass()} is its {@code class} (for example
 * {@code GenericError}), {@link #description()} its {@code desc}. Commands the agent does not know or has
 * disabled raise the subclass {@link GuestAgentCommandNotFoundException}.
 */
public class GuestAgentErrorException extends GuestAgentException {
    private static final long serialVersionUID = 1L;

    private final String command;
    private final String errorClass;
    private final String description;

    public GuestAgentErrorException(String command, String errorClass, String description) {
        super(command + " failed in the guest agent (" + errorClass + "): " + description);
        this.command = command;
        this.errorClass = errorClass;
        this.description = description;
    }

    /** The QGA command that failed, for example {@code guest-file-open}. */
    public String command() {
        return command;
    }

    public String errorClass() {
        return errorClass;
    }

    public String description() {
        return description;
    }
}
