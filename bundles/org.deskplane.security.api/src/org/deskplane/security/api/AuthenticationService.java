package org.deskplane.security.api;

import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Logs users in with a password and hands out bearer tokens that expire. Failed logins are counted per
 * user and per client address; past a threshold further attempts are refused for a while (lock-out),
 * and every attempt is written to the {@link AuditLog}.
 */
@ProviderType
public interface AuthenticationService {

    /**
     * @param clientAddress the remote address, for rate limiting and the audit log
     * @throws AuthenticationException with {@code BAD_CREDENTIALS} or {@code LOCKED_OUT}
     */
    Session login(String username, char[] password, String clientAddress) throws AuthenticationException;

    /** The session of a bearer token; empty when unknown, expired or revoked (no exception, no audit). */
    Optional<Session> validate(String bearerToken);

    /** Ends a session now. Unknown tokens are ignored. */
    void logout(String bearerToken);
}
