package org.deskplane.security.api;

import java.time.Instant;

/** A user as others may see it: never the password hash. */
public record UserAccount(String username, Role role, Instant created, boolean locked) {
}
