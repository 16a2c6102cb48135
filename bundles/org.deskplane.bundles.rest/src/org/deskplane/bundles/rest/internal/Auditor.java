package org.deskplane.bundles.rest.internal;

import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.deskplane.rest.api.ApiException;
import org.deskplane.rest.api.ApiRequest;
import org.deskplane.security.api.AuditEvent;
import org.deskplane.security.api.AuditEvent.Result;
import org.deskplane.security.api.AuditLog;

/** Records mutating operations in the audit log, if one is present, with the caller as actor. */
final class Auditor {
    private static final Logger LOG = Logger.getLogger(Auditor.class.getName());
    private final Supplier<AuditLog> auditLog;

    Auditor(Supplier<AuditLog> auditLog) {
        this.auditLog = auditLog;
    }

    void success(ApiRequest request, String action, String target, String detail) {
        record(request, action, target, Result.SUCCESS, detail);
    }

    void failure(ApiRequest request, String action, String target, Exception e) {
        String detail = e instanceof ApiException api ? api.status() + " " + api.detail() : String.valueOf(e.getMessage());
        record(request, action, target, Result.FAILURE, detail);
    }

    private void record(ApiRequest request, String action, String target, Result result, String detail) {
        AuditLog log = auditLog.get();
        if (log == null) {
            return;
        }
        try {
            log.record(AuditEvent.now(request.actor(), action, target, result, detail, request.remoteAddress()));
        } catch (RuntimeException e) {
            // the operation itself is done; a broken audit log must not turn it into an error for the caller
            LOG.log(Level.SEVERE, "cannot record audit event " + action + " " + target, e);
        }
    }
}
