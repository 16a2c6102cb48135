package org.deskplane.security.rest.internal;

import java.util.function.Supplier;

import org.deskplane.security.api.AuditLog;
import org.deskplane.security.api.AuthenticationService;
import org.deskplane.security.api.UserService;

/**
 * The services the handlers use, looked up on every request: they are dynamic references that may be swapped
 * (or briefly gone) while requests run. A missing one is a 503, not a NullPointerException.
 */
final class SecurityServices {

    private final Supplier<AuthenticationService> authentication;
    private final Supplier<UserService> users;
    private final Supplier<AuditLog> audit;

    SecurityServices(Supplier<AuthenticationService> authentication, Supplier<UserService> users,
            Supplier<AuditLog> audit) {
        this.authentication = authentication;
        this.users = users;
        this.audit = audit;
    }

    AuthenticationService authentication() {
        return require(authentication, "The authentication service");
    }

    UserService users() {
        return require(users, "The user directory");
    }

    AuditLog audit() {
        return require(audit, "The audit log");
    }

    private static <T> T require(Supplier<T> supplier, String what) {
        T service = supplier.get();
        if (service == null) {
            throw Problems.unavailable(what);
        }
        return service;
    }
}
