package org.deskplane.security.rest.internal;

import org.deskplane.security.api.AuditEvent;

/** An {@link AuditEvent} as JSON, the time as an ISO-8601 string. */
public record AuditEventView(String time, String actor, String action, String target, AuditEvent.Result result,
        String detail, String source) {

    static AuditEventView of(AuditEvent event) {
        return new AuditEventView(event.time().toString(), event.actor(), event.action(), event.target(),
                event.result(), event.detail(), event.source());
    }
}
