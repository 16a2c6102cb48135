package org.deskplane.security.internal;

import java.io.IOException;
import java.time.Clock;
import java.util.List;

import org.deskplane.security.api.AuditEvent;
import org.deskplane.security.api.AuditLog;
import org.deskplane.security.api.AuditQuery;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;

/** Publishes the {@link JsonLinesAuditLog} in {@code ${deskplane.data}/audit/audit.log}. */
@Component(service = AuditLog.class)
public final class AuditLogComponent implements AuditLog {

    private JsonLinesAuditLog log;

    @Activate
    void activate(BundleContext context) throws IOException {
        log = new JsonLinesAuditLog(DataDirectory.resolve(context::getProperty, "audit").resolve("audit.log"),
                Clock.systemUTC());
    }

    @Deactivate
    void deactivate() throws IOException {
        log.close();
    }

    @Override
    public void record(AuditEvent event) {
        log.record(event);
    }

    @Override
    public List<AuditEvent> query(AuditQuery query) {
        return log.query(query);
    }
}
