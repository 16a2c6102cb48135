package org.deskplane.security.internal;

import java.time.Instant;

import org.deskplane.security.api.Role;
import org.deskplane.security.api.UserAccount;

/** A user as written to {@code users.json}; public only so that Jackson can read it. */
public record StoredUser(String username, Role role, String created, boolean locked, PasswordHash password) {

    UserAccount toAccount() {
        return new UserAccount(username, role, Instant.parse(created), locked);
    }

    StoredUser withPassword(PasswordHash newPassword) {
        return new StoredUser(username, role, created, locked, newPassword);
    }

    StoredUser withRole(Role newRole) {
        return new StoredUser(username, newRole, created, locked, password);
    }
}
