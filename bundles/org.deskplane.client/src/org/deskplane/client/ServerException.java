package org.deskplane.client;

/**
 * The server could not be reached, refused a call, or answered with an error. For error answers the fields
 * of its {@code application/problem+json} body are kept; {@link #status()} is 0 when no answer came.
 */
public class ServerException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final String title;
    private final String detail;

    public ServerException(int status, String title, String detail, String message, Throwable cause) {
        super(message, cause);
        this.status = status;
        this.title = title;
        this.detail = detail;
    }

    /** HTTP status, or 0 when the server did not answer. */
    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    public String detail() {
        return detail;
    }

    /** True for 401: the session is unknown or expired, log in again. */
    public boolean isUnauthorized() {
        return status == 401;
    }
}
