package org.deskplane.security.api;

import java.time.Instant;

/** Which audit events to read: all filters optional (null), newest first, at most {@code limit}. */
public record AuditQuery(Instant since, String actor, String actionPrefix, int limit) {
    public static AuditQuery latest(int limit) {
        return new AuditQuery(null, null, null, limit);
    }
}
