package org.deskplane.bundles.rest.tests;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.deskplane.security.api.AuditEvent;
import org.deskplane.security.api.AuditLog;
import org.deskplane.security.api.AuditQuery;

final class RecordingAuditLog implements AuditLog {
    final List<AuditEvent> events = new CopyOnWriteArrayList<>();

    @Override
    public void record(AuditEvent event) {
        events.add(event);
    }

    @Override
    public List<AuditEvent> query(AuditQuery query) {
        return List.copyOf(events);
    }

    AuditEvent last() {
        return events.get(events.size() - 1);
    }
}
