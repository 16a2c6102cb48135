package org.deskplane.security.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration PID {@value #PID}: token lifetime and login throttling. */
@ObjectClassDefinition(id = SecurityConfiguration.PID, name = "Deskplane security",
        description = "Bearer token lifetime and the lock-out after failed logins")
public @interface SecurityConfiguration {

    String PID = "org.deskplane.security";

    @AttributeDefinition(description = "Minutes a bearer token is accepted after login")
    int tokenLifetimeMinutes() default 480;

    @AttributeDefinition(description = "When greater than 0, seconds a token is accepted (overrides the minutes;"
            + " meant for tests)")
    int tokenLifetimeSeconds() default 0;

    @AttributeDefinition(description = "Failed logins within the window that lock a user name or client address")
    int maxFailedAttempts() default 5;

    @AttributeDefinition(description = "Seconds within which failed logins are counted")
    int failureWindowSeconds() default 900;

    @AttributeDefinition(description = "Seconds a lock-out lasts")
    int lockoutSeconds() default 300;
}
