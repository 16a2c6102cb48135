package org.deskplane.security.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.deskplane.security.api.AuditEvent;
import org.deskplane.security.api.AuditEvent.Result;
import org.deskplane.security.api.AuditQuery;
import org.deskplane.security.api.AuthenticationException;
import org.deskplane.security.api.AuthenticationException.Reason;
import org.deskplane.security.api.Role;
import org.deskplane.security.api.Session;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuthenticatorTest {

    private static final AuthSettings SETTINGS = new AuthSettings(Duration.ofMinutes(30), 3, Duration.ofMinutes(15),
            Duration.ofMinutes(5));

    @TempDir
    Path dir;

    private final MovableClock clock = new MovableClock(Instant.parse("2025-03-01T10:00:00Z"));
    private UserDirectory users;
    private JsonLinesAuditLog audit;
    private Authenticator auth;

    @BeforeEach
    void setUp() throws IOException {
        users = UserDirectory.open(new UserFile(dir.resolve("users.json")),
                new PasswordHasher(new SecureRandom(), 1_000), clock);
        users.create("alice", "alice-password".toCharArray(), Role.OPERATOR);
        users.create("root", "root-password-1".toCharArray(), Role.ADMIN);
        audit = new JsonLinesAuditLog(dir.resolve("audit.log"), clock);
        auth = new Authenticator(() -> users, () -> audit, new RandomSecrets(new SecureRandom()), clock, SETTINGS);
    }

    @AfterEach
    void tearDown() throws IOException {
        audit.close();
    }

    @Test
    void loginGivesATokenThatValidatesUntilItExpires() throws Exception {
        Session session = auth.login("alice", "alice-password".toCharArray(), "10.0.0.1");
        assertEquals("alice", session.username());
        assertEquals(Role.OPERATOR, session.role());
        assertEquals(clock.instant().plus(Duration.ofMinutes(30)), session.expiresAt());
        assertTrue(session.token().matches("[A-Za-z0-9_-]{43}"), "32 random bytes, base64url");
        assertEquals(session, auth.validate(session.token()).orElseThrow());
        assertTrue(auth.validate(session.token() + "x").isEmpty());
        assertTrue(auth.validate("").isEmpty());
        assertTrue(auth.validate(null).isEmpty());

        clock.advance(Duration.ofMinutes(29));
        assertTrue(auth.validate(session.token()).isPresent());
        clock.advance(Duration.ofMinutes(1));
        assertTrue(auth.validate(session.token()).isEmpty(), "expired");
    }

    @Test
    void aShortLifetimeFromTheConfigurationAppliesToNewSessions() throws Exception {
        Session before = auth.login("alice", "alice-password".toCharArray(), "10.0.0.1");
        auth.update(new AuthSettings(Duration.ofSeconds(3), 3, Duration.ofMinutes(15), Duration.ofMinutes(5)));
        Session after = auth.login("alice", "alice-password".toCharArray(), "10.0.0.1");
        assertEquals(clock.instant().plusSeconds(3), after.expiresAt());
        clock.advance(Duration.ofSeconds(3));
        assertTrue(auth.validate(after.token()).isEmpty());
        assertTrue(auth.validate(before.token()).isPresent(), "live sessions keep their expiry");
    }

    @Test
    void wrongPasswordIsRefusedAndAudited() {
        AuthenticationException e = assertThrows(AuthenticationException.class,
                () -> auth.login("alice", "wrong-password".toCharArray(), "10.0.0.2"));
        assertEquals(Reason.BAD_CREDENTIALS, e.reason());
        AuthenticationException unknown = assertThrows(AuthenticationException.class,
                () -> auth.login("nobody", "alice-password".toCharArray(), "10.0.0.2"));
        assertEquals(Reason.BAD_CREDENTIALS, unknown.reason());
        assertEquals(e.getMessage(), unknown.getMessage(), "no hint whether the user exists");

        List<AuditEvent> events = audit.query(new AuditQuery(null, null, "auth.login", 10));
        assertEquals(2, events.size());
        assertEquals("nobody", events.get(0).actor());
        assertEquals(Result.FAILURE, events.get(1).result());
        assertEquals("alice", events.get(1).actor());
        assertEquals("10.0.0.2", events.get(1).source());
    }

    @Test
    void afterTooManyFailuresEvenTheRightPasswordIsRefusedUntilTheLockOutEnds() throws Exception {
        for (int i = 0; i < 3; i++) {
            String address = "10.0.1." + i; // different addresses: the user name alone triggers the lock-out
            assertEquals(Reason.BAD_CREDENTIALS, assertThrows(AuthenticationException.class,
                    () -> auth.login("alice", "guess-password".toCharArray(), address)).reason());
        }
        AuthenticationException locked = assertThrows(AuthenticationException.class,
                () -> auth.login("alice", "alice-password".toCharArray(), "10.0.9.9"));
        assertEquals(Reason.LOCKED_OUT, locked.reason());
        assertEquals(Duration.ofMinutes(5), locked.retryAfter());

        clock.advance(Duration.ofMinutes(4));
        AuthenticationException stillLocked = assertThrows(AuthenticationException.class,
                () -> auth.login("alice", "alice-password".toCharArray(), "10.0.9.9"));
        assertEquals(Duration.ofMinutes(1), stillLocked.retryAfter());
        assertTrue(auth.login("root", "root-password-1".toCharArray(), "10.0.9.9") != null,
                "other users are not locked");

        clock.advance(Duration.ofMinutes(1));
        assertEquals("alice", auth.login("alice", "alice-password".toCharArray(), "10.0.9.9").username());

        List<AuditEvent> logins = audit.query(new AuditQuery(null, "alice", "auth.login", 100));
        assertEquals(List.of(Result.SUCCESS, Result.DENIED, Result.DENIED, Result.FAILURE, Result.FAILURE,
                Result.FAILURE), logins.stream().map(AuditEvent::result).toList());
        assertTrue(logins.get(3).detail().contains("refused"), logins.get(3).detail());
    }

    @Test
    void failuresFromOneAddressLockThatAddressForEveryUser() throws Exception {
        String attacker = "192.0.2.66";
        // 3 failures lock a user name; an address takes ADDRESS_ATTEMPTS_FACTOR times as many, spread over users
        for (int i = 0; i < 3 * Authenticator.ADDRESS_ATTEMPTS_FACTOR; i++) {
            String name = "user" + (i % 6);
            assertThrows(AuthenticationException.class, () -> auth.login(name, "guess-password".toCharArray(), attacker));
        }
        AuthenticationException locked = assertThrows(AuthenticationException.class,
                () -> auth.login("alice", "alice-password".toCharArray(), attacker));
        assertEquals(Reason.LOCKED_OUT, locked.reason());
        assertEquals("alice", auth.login("alice", "alice-password".toCharArray(), "10.0.0.7").username(),
                "the same user from another address is not locked");
    }

    @Test
    void failuresOutsideTheWindowAreForgotten() throws Exception {
        for (int i = 0; i < 2; i++) {
            assertThrows(AuthenticationException.class,
                    () -> auth.login("alice", "guess-password".toCharArray(), "10.0.0.3"));
        }
        clock.advance(Duration.ofMinutes(16));
        assertThrows(AuthenticationException.class, () -> auth.login("alice", "guess-password".toCharArray(), "10.0.0.3"));
        assertEquals("alice", auth.login("alice", "alice-password".toCharArray(), "10.0.0.3").username());
    }

    @Test
    void logoutAndDeletingTheUserEndSessions() throws Exception {
        Session alice = auth.login("alice", "alice-password".toCharArray(), "10.0.0.4");
        Session alice2 = auth.login("alice", "alice-password".toCharArray(), "10.0.0.4");
        assertNotEquals(alice.token(), alice2.token());
        auth.logout(alice.token());
        assertTrue(auth.validate(alice.token()).isEmpty());
        assertTrue(auth.validate(alice2.token()).isPresent());
        auth.logout("unknown-token");
        users.delete("alice");
        assertTrue(auth.validate(alice2.token()).isEmpty(), "a deleted user's token stops working");
        assertEquals("auth.logout", audit.query(new AuditQuery(null, null, "auth.logout", 5)).get(0).action());
    }
}
