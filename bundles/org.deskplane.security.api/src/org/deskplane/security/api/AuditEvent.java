package org.deskplane.security.api;

import java.time.Instant;

/**
 * One line of the audit log: who did what to which target, when, and how it ended.
 *
 * @param time    when it happened (server clock)
 * @param actor   user name, or {@code "system"}, or {@code "anonymous"}
 * @param action  a dotted verb, e.g. {@code auth.login}, {@code bundle.update}
 * @param target  what was acted on (bundle name, user, URL path); may be empty
 * @param result  how it ended
 * @param detail  free text for humans; never secrets
 * @param source  the client address or {@code "local"}
 */
public record AuditEvent(Instant time, String actor, String action, String target, Result result, String detail,
        String source) {

    public enum Result { SUCCESS, FAILURE, DENIED }

    public static AuditEvent now(String actor, String action, String target, Result result, String detail,
            String source) {
        return new AuditEvent(Instant.now(), actor, action, target == null ? "" : target, result,
                detail == null ? "" : detail, source == null ? "local" : source);
    }
}
