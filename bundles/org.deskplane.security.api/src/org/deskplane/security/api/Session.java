package org.deskplane.security.api;

import java.time.Instant;

/**
 * An authenticated caller: who, with which role, until when. Obtained by logging in, found again by
 * {@link AuthenticationService#validate(String)} from its bearer token.
 *
 * @param username  the user's login name
 * @param role      the user's role at login time
 * @param token     the opaque bearer token (never log it)
 * @param expiresAt when the token stops being accepted
 */
public record Session(String username, Role role, String token, Instant expiresAt) {

    public boolean expired(Instant now) {
        return !now.isBefore(expiresAt);
    }

    /** The form to use in logs and audit records: the user, never the token. */
    @Override
    public String toString() {
        return "Session[" + username + ", " + role + ", expires " + expiresAt + "]";
    }
}
