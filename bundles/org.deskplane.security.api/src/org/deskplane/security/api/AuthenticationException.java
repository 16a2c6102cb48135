package org.deskplane.security.api;

import java.time.Duration;

/** A login was refused. {@link #retryAfter()} is set when the refusal is a rate limit or a lock-out. */
public class AuthenticationException extends Exception {
    private static final long serialVersionUID = 1L;

    public enum Reason { BAD_CREDENTIALS, LOCKED_OUT, TOKEN_INVALID, TOKEN_EXPIRED }

    private final Reason reason;
    private final Duration retryAfter;

    public AuthenticationException(Reason reason, String message, Duration retryAfter) {
        super(message);
        this.reason = reason;
        this.retryAfter = retryAfter;
    }

    public Reason reason() {
        return reason;
    }

    /** How long the caller must wait before another attempt can succeed; null when not rate limited. */
    public Duration retryAfter() {
        return retryAfter;
    }
}
