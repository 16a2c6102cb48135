package org.deskplane.security.rest.internal;

import org.deskplane.security.api.Role;
import org.deskplane.security.api.Session;

/** Answer of a successful login; {@code expiresAt} is ISO-8601. */
public record LoginResponse(String token, String username, Role role, String expiresAt) {

    static LoginResponse of(Session session) {
        return new LoginResponse(session.token(), session.username(), session.role(), session.expiresAt().toString());
    }

    @Override
    public String toString() {
        return "LoginResponse[" + username + ", " + role + ", " + expiresAt + "]";
    }
}
