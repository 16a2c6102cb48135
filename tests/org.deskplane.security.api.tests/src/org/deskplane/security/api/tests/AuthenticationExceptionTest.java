package org.deskplane.security.api.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;

import org.deskplane.security.api.AuthenticationException;
import org.deskplane.security.api.AuthenticationException.Reason;
import org.junit.jupiter.api.Test;

/** The REST layer maps reason to 401/429 and retryAfter to the Retry-After header. */
class AuthenticationExceptionTest {

    @Test
    void lockOutCarriesReasonMessageAndRetryAfter() {
        AuthenticationException e = new AuthenticationException(Reason.LOCKED_OUT, "too many attempts",
                Duration.ofSeconds(90));
        assertEquals(Reason.LOCKED_OUT, e.reason());
        assertEquals("too many attempts", e.getMessage());
        assertEquals(Duration.ofSeconds(90), e.retryAfter());
    }

    @Test
    void badCredentialsHaveNoRetryAfter() {
        AuthenticationException e = new AuthenticationException(Reason.BAD_CREDENTIALS, "wrong password", null);
        assertEquals(Reason.BAD_CREDENTIALS, e.reason());
        assertNull(e.retryAfter());
    }
}
