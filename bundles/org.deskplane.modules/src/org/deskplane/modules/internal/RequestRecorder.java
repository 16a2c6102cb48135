package org.deskplane.modules.internal;

import java.time.Instant;
import java.util.function.Supplier;

import org.deskplane.modules.api.ModuleRequest;
import org.deskplane.modules.api.ModuleStatus;
import org.deskplane.modules.api.Requester;
import org.deskplane.modules.api.Verb;
import org.deskplane.security.api.AuditEvent;
import org.deskplane.security.api.AuditEvent.Result;
import org.deskplane.security.api.AuditLog;

/** Puts each finished request into the history and the audit log, so that denied ones are visible to the admin. */
final class RequestRecorder {

    private final RequestHistory history;
    private final Supplier<AuditLog> audit;

    RequestRecorder(RequestHistory history, Supplier<AuditLog> audit) {
        this.history = history;
        this.audit = audit;
    }

    ModuleRequest record(Requester requester, Verb verb, String target, ModuleStatus status, String message,
            boolean restartRequired) {
        ModuleRequest request = new ModuleRequest(history.nextId(), Instant.now(), requester, verb, target, status,
                message == null ? "" : message, restartRequired);
        history.add(request);
        AuditLog log = audit.get();
        if (log != null) {
            log.record(AuditEvent.now(actor(requester), "module." + verb.name().toLowerCase(java.util.Locale.ROOT),
                    target, result(status), describe(requester, status, message), requester.source()));
        }
        return request;
    }

    private static String actor(Requester requester) {
        if (requester.admin()) {
            return requester.user();
        }
        String user = requester.user().isEmpty() ? "unknown user" : requester.user();
        return user + " (VM " + requester.vmId() + ")";
    }

    private static Result result(ModuleStatus status) {
        return switch (status) {
            case OK, NOT_FOUND, OTHER_VERSIONS -> Result.SUCCESS; // a query answered is a request that succeeded
            case DENIED, UNSIGNED, TAMPERED, UNTRUSTED_SIGNER, EXPIRED, NOT_WHITELISTED -> Result.DENIED;
            default -> Result.FAILURE;
        };
    }

    private static String describe(Requester requester, ModuleStatus status, String message) {
        String where = requester.admin() ? "" : "image " + requester.image() + "; ";
        return where + status + (message == null || message.isEmpty() ? "" : ": " + message);
    }
}
