package org.deskplane.workbench.internal.embedded;

/** Embedded mode cannot start; the message says why, for the user. */
public final class EmbeddedStartException extends Exception {

    private static final long serialVersionUID = 1L;

    public EmbeddedStartException(String message) {
        super(message);
    }

    public EmbeddedStartException(String message, Throwable cause) {
        super(message, cause);
    }
}
