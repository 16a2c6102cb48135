package org.deskplane.rest.api;

import java.util.function.Consumer;

import org.deskplane.security.api.AuditEvent;

/**
 * A route that changes something, with its outcome in the audit log: the caller as actor, SUCCESS with the created
 * resource's {@code Location} (or the request path) as target, DENIED for a 403 and FAILURE for any other problem,
 * with the problem's words. Capabilities map their own exceptions to problems first, then wrap with this.
 *
 * @since 1.1
 */
public final class Audited {

    private Audited() {
    }

    /**
     * Wraps {@code handler}: its result or its {@link ApiException} goes through unchanged, after one record
     * under {@code action} has gone to {@code audit}.
     *
     * @param successDetail the record's detail when the handler succeeds ("" for none)
     */
    public static Handler of(Consumer<AuditEvent> audit, String action, String successDetail, Handler handler) {
        return request -> {
            ApiResult result;
            try {
                result = handler.handle(request);
            } catch (ApiException e) {
                audit.accept(event(request, action, request.path(),
                        e.status() == 403 ? AuditEvent.Result.DENIED : AuditEvent.Result.FAILURE,
                        e.status() + " " + e.title() + ": " + e.detail()));
                throw e;
            }
            audit.accept(event(request, action, result.headers().getOrDefault("Location", request.path()),
                    AuditEvent.Result.SUCCESS, successDetail));
            return result;
        };
    }

    /** A record of {@code request} by its caller, from the caller's address. */
    public static AuditEvent event(ApiRequest request, String action, String target, AuditEvent.Result result,
            String detail) {
        return AuditEvent.now(request.actor(), action, target, result, detail, request.remoteAddress());
    }
}
