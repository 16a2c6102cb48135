package org.deskplane.client.internal;

import java.util.List;

import org.deskplane.security.api.AuditEvent;
import org.deskplane.security.api.AuditLog;
import org.deskplane.security.api.AuditQuery;

/** The server's audit log over {@code GET /api/audit}: read-only, because only the server writes it. */
final class RemoteAuditLog implements AuditLog {

    private final RestClient rest;

    RemoteAuditLog(RestClient rest) {
        this.rest = rest;
    }

    @Override
    public void record(AuditEvent event) {
        throw new UnsupportedOperationException("audit records are written by the server: a remote client can "
                + "only read the audit log");
    }

    @Override
    public List<AuditEvent> query(AuditQuery query) {
        StringBuilder path = new StringBuilder("/audit?limit=").append(query.limit() > 0 ? query.limit() : 100);
        if (query.actor() != null) {
            path.append("&actor=").append(PathSegments.query(query.actor()));
        }
        if (query.actionPrefix() != null) {
            path.append("&action=").append(PathSegments.query(query.actionPrefix()));
        }
        if (query.since() != null) {
            path.append("&since=").append(PathSegments.query(query.since().toString()));
        }
        return JsonMapping.list(rest.getJson(path.toString()), "audit event", JsonMapping::auditEvent);
    }
}
