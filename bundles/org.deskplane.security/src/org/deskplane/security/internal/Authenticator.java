package org.deskplane.security.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

import org.deskplane.security.api.AuditEvent;
import org.deskplane.security.api.AuditEvent.Result;
import org.deskplane.security.api.AuditLog;
import org.deskplane.security.api.AuthenticationException;
import org.deskplane.security.api.AuthenticationException.Reason;
import org.deskplane.security.api.AuthenticationService;
import org.deskplane.security.api.Session;
import org.deskplane.security.api.UserAccount;
import org.deskplane.security.api.UserService;

/**
 * Password login with throttling, and bearer-token sessions. Failures are counted per user name and per client
 * address; a success forgets only the user name's failures, so an attacker cannot reset the address counter by
 * logging into an account of their own between guesses.
 */
final class Authenticator implements AuthenticationService {

    private static final String LOGIN = "auth.login";
    private static final String LOGOUT = "auth.logout";

    private final Supplier<UserService> users;
    private final Supplier<AuditLog> audit;
    private final RandomSecrets secrets;
    private final Clock clock;
    /** A client address is locked after this many times the per-user failures. */
    static final int ADDRESS_ATTEMPTS_FACTOR = 4;

    private final LoginThrottle throttle;
    private final SessionStore sessions;
    private volatile AuthSettings settings;

    /** The suppliers give the currently bound services (they may be swapped while this runs). */
    Authenticator(Supplier<UserService> users, Supplier<AuditLog> audit, RandomSecrets secrets, Clock clock,
            AuthSettings settings) {
        this.users = users;
        this.audit = audit;
        this.secrets = secrets;
        this.clock = clock;
        this.settings = settings;
        this.throttle = new LoginThrottle(clock, settings);
        this.sessions = new SessionStore(clock);
    }

    /** New lifetimes apply to new sessions; live sessions keep the expiry they were given. */
    void update(AuthSettings newSettings) {
        settings = newSettings;
        throttle.update(newSettings);
    }

    @Override
    public Session login(String username, char[] password, String clientAddress) throws AuthenticationException {
        String source = clientAddress == null || clientAddress.isBlank() ? "unknown" : clientAddress;
        String actor = UserPolicy.isValidUsername(username) ? username : "anonymous";
        String userKey = "user:" + actor; // invalid names share one key: they cannot log in anyway
        String addressKey = "address:" + source;

        Optional<Duration> locked = longer(throttle.lockedFor(userKey), throttle.lockedFor(addressKey));
        if (locked.isPresent()) {
            long seconds = roundUpSeconds(locked.get());
            record(actor, Result.DENIED, "locked out after too many failed logins; retry in " + seconds + " s",
                    source);
            throw new AuthenticationException(Reason.LOCKED_OUT,
                    "Too many failed logins. Try again in " + seconds + " seconds.", Duration.ofSeconds(seconds));
        }

        UserService directory = users.get();
        Optional<UserAccount> account = directory.verifyPassword(username, password)
                ? directory.find(username) : Optional.empty();
        if (account.isEmpty() || account.get().locked()) {
            boolean lockedByUser = throttle.recordFailure(userKey, settings.maxFailedAttempts());
            // one address may be a NAT, a proxy or a terminal server for many users: it gets more tries
            boolean lockedByAddress = throttle.recordFailure(addressKey,
                    settings.maxFailedAttempts() * ADDRESS_ATTEMPTS_FACTOR);
            String why = account.isPresent() ? "account is locked" : "wrong user name or password";
            record(actor, Result.FAILURE, why + (lockedByUser || lockedByAddress
                    ? "; further logins refused for " + settings.lockout().toSeconds() + " s" : ""), source);
            throw new AuthenticationException(Reason.BAD_CREDENTIALS, "Wrong user name or password.", null);
        }

        throttle.reset(userKey);
        UserAccount user = account.get();
        Session session = sessions.open(user.username(), user.role(), secrets.token(), settings.tokenLifetime());
        record(user.username(), Result.SUCCESS, "role " + user.role() + ", token valid until "
                + session.expiresAt(), source);
        return session;
    }

    /** Also ends sessions of users that were deleted or locked since they logged in. */
    @Override
    public Optional<Session> validate(String bearerToken) {
        if (bearerToken == null || bearerToken.isBlank()) {
            return Optional.empty();
        }
        Optional<Session> session = sessions.find(bearerToken);
        if (session.isPresent()) {
            Optional<UserAccount> user = users.get().find(session.get().username());
            if (user.isEmpty() || user.get().locked()) {
                sessions.close(bearerToken);
                return Optional.empty();
            }
        }
        return session;
    }

    @Override
    public void logout(String bearerToken) {
        if (bearerToken == null || bearerToken.isBlank()) {
            return;
        }
        sessions.close(bearerToken).ifPresent(username -> audit.get().record(
                new AuditEvent(clock.instant(), username, LOGOUT, username, Result.SUCCESS, "", "local")));
    }

    private void record(String actor, Result result, String detail, String source) {
        audit.get().record(new AuditEvent(clock.instant(), actor, LOGIN, actor, result, detail, source));
    }

    private static Optional<Duration> longer(Optional<Duration> a, Optional<Duration> b) {
        if (a.isEmpty()) {
            return b;
        }
        return b.isPresent() && b.get().compareTo(a.get()) > 0 ? b : a;
    }

    /** Retry-After is in whole seconds; rounding down would invite a retry that is still refused. */
    private static long roundUpSeconds(Duration duration) {
        long seconds = duration.toSeconds();
        return duration.equals(Duration.ofSeconds(seconds)) ? Math.max(1, seconds) : seconds + 1;
    }
}
