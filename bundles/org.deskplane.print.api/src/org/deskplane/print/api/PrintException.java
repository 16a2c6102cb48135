package org.deskplane.print.api;

import java.util.Objects;

/** A driver could not do what was asked; {@link #kind()} tells whether trying again can help. */
public class PrintException extends Exception {

    private static final long serialVersionUID = 1L;

    /** What went wrong, coarse enough for a spool to decide between retry and give up. */
    public enum Kind {
        /** No such printer or job. */
        NOT_FOUND(false),
        /** The printer does not support the document format or an option. */
        UNSUPPORTED(false),
        /** The request or the document is malformed (for example "PDF" that is not a PDF). */
        INVALID(false),
        /** The backend cannot be reached or is busy: trying again later may work. */
        UNAVAILABLE(true),
        /** The backend's storage is full or not writable: trying again after the admin acts may work. */
        STORAGE(true),
        /** A policy does not allow this user or VM to use this printer (since 1.1). */
        DENIED(false),
        /** The backend refused or failed for another reason. */
        FAILED(false);

        private final boolean retryable;

        Kind(boolean retryable) {
            this.retryable = retryable;
        }

        public boolean retryable() {
            return retryable;
        }
    }

    private final Kind kind;

    public PrintException(Kind kind, String message) {
        this(kind, message, null);
    }

    public PrintException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = Objects.requireNonNull(kind, "kind");
    }

    public Kind kind() {
        return kind;
    }
}
