package org.deskplane.security.rest.internal;

import org.deskplane.security.api.Role;
import org.deskplane.security.api.UserAccount;

/**
 * A {@link UserAccount} as JSON, with the time as an ISO-8601 string so that the answer does not depend on the
 * server's JSON set-up for {@code java.time}.
 */
public record UserView(String username, Role role, String created, boolean locked) {

    static UserView of(UserAccount account) {
        return new UserView(account.username(), account.role(), account.created().toString(), account.locked());
    }
}
