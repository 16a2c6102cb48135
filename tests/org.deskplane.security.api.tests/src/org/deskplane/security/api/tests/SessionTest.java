package org.deskplane.security.api.tests;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;

import org.deskplane.security.api.Role;
import org.deskplane.security.api.Session;
import org.junit.jupiter.api.Test;

class SessionTest {
    private static final Instant EXPIRY = Instant.parse("2030-01-01T12:00:00Z");
    private static final String TOKEN = "s3cr3t-bearer-token-5f2c9a";
    private final Session session = new Session("alice", Role.OPERATOR, TOKEN, EXPIRY);

    @Test
    void validBeforeExpiry() {
        assertFalse(session.expired(EXPIRY.minusMillis(1)));
    }

    @Test
    void expiredAtTheExpiryInstant() {
        assertTrue(session.expired(EXPIRY));
    }

    @Test
    void expiredAfterExpiry() {
        assertTrue(session.expired(EXPIRY.plusSeconds(1)));
    }

    @Test
    void toStringNamesTheUserButNeverTheToken() {
        String text = session.toString();
        assertFalse(text.contains(TOKEN), text);
        assertFalse(text.contains("s3cr3t"), text);
        assertTrue(text.contains("alice"), text);
        assertTrue(text.contains("OPERATOR"), text);
    }
}
