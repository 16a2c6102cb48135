package org.deskplane.ipp;

import java.io.IOException;

/**
 * A message could not be read: malformed, truncated or over a limit. Carries the IPP status code a server
 * answers with, and the request id when the header was read (so the error response can echo it).
 */
public class IppParseException extends IOException {

    private static final long serialVersionUID = 1L;

    private final int statusCode;
    private final int requestId;

    public IppParseException(int statusCode, int requestId, String message) {
        super(message);
        this.statusCode = statusCode;
        this.requestId = requestId;
    }

    /** @return for example {@link IppStatus#CLIENT_ERROR_BAD_REQUEST}. */
    public int statusCode() {
        return statusCode;
    }

    /** @return the request id from the message header, or 0 if the header was not complete. */
    public int requestId() {
        return requestId;
    }

    @Override
    public String getMessage() {
        return IppStatus.name(statusCode) + ": " + super.getMessage();
    }
}
