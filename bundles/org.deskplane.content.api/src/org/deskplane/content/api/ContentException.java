package org.deskplane.content.api;

import java.io.IOException;

/** A content request that cannot be served, with the reason the Profile API turns into a status. */
public class ContentException extends IOException {
    private static final long serialVersionUID = 1L;

    public enum Reason {
        /** No such data source for this user, or no such path (404). */
        NOT_FOUND,
        /** Policy denies it (403). */
        DENIED,
        /** The source is read-only, or the operation needs a writable one (409). */
        READ_ONLY,
        /** The path is not what the operation needs: a directory to list, a file to read (409). */
        WRONG_TYPE,
        /** Too many open disks or operations right now (503 with Retry-After). */
        BUSY,
        /** The backend is away or the source cannot be reached (503). */
        UNAVAILABLE,
        /** The stored data is corrupt or in a format that cannot be read (422). */
        UNREADABLE,
        /** Bad request: a malformed path (400). */
        INVALID
    }

    private final Reason reason;

    public ContentException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public ContentException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
