package org.deskplane.security.internal;

import java.time.Duration;

/** The checked form of {@link SecurityConfiguration}: nonsense values are raised to a safe minimum. */
record AuthSettings(Duration tokenLifetime, int maxFailedAttempts, Duration failureWindow, Duration lockout) {

    static final AuthSettings DEFAULTS = new AuthSettings(Duration.ofMinutes(480), 5, Duration.ofSeconds(900),
            Duration.ofSeconds(300));

    static AuthSettings from(SecurityConfiguration config) {
        Duration lifetime = config.tokenLifetimeSeconds() > 0 ? Duration.ofSeconds(config.tokenLifetimeSeconds())
                : Duration.ofMinutes(Math.max(1, config.tokenLifetimeMinutes()));
        return new AuthSettings(lifetime, Math.max(1, config.maxFailedAttempts()),
                Duration.ofSeconds(Math.max(1, config.failureWindowSeconds())),
                Duration.ofSeconds(Math.max(1, config.lockoutSeconds())));
    }
}
