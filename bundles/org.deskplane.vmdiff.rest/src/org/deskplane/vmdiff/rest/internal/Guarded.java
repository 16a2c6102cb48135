package org.deskplane.vmdiff.rest.internal;

import java.io.IOException;

import org.deskplane.rest.api.ApiException;
import org.deskplane.rest.api.ApiRequest;
import org.deskplane.rest.api.ApiResult;
import org.deskplane.rest.api.Handler;
import org.deskplane.security.api.AuditEvent;
import org.deskplane.vmdiff.api.DifferenceException;

/**
 * Wraps a handler so that a {@link DifferenceException}, an unreadable copy or a refused value becomes its problem
 * answer, and, for an action, so that the request's outcome goes to the audit log with the caller as actor.
 */
final class Guarded {

    private Guarded() {
    }

    /** A read: only the error mapping. */
    static Handler read(Handler handler) {
        return request -> {
            try {
                return handler.handle(request);
            } catch (DifferenceException e) {
                throw DifferenceProblems.of(e);
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest(e.getMessage());
            } catch (IOException e) {
                throw new ApiException(500, "Copy unreadable", "a copy of the VM differences could not be read: "
                        + e.getMessage(), e);
            }
        };
    }

    /** An action: the error mapping, and an audit record of whether it was accepted (and as which operation). */
    static Handler audited(VmdiffServices services, String action, Handler handler) {
        Handler guarded = read(handler);
        return request -> {
            try {
                ApiResult result = guarded.handle(request);
                services.audit(event(request, action, result.headers().getOrDefault("Location", request.path()),
                        AuditEvent.Result.SUCCESS, "accepted"));
                return result;
            } catch (ApiException e) {
                services.audit(event(request, action, request.path(), AuditEvent.Result.FAILURE,
                        e.status() + " " + e.title() + ": " + e.detail()));
                throw e;
            }
        };
    }

    static AuditEvent event(ApiRequest request, String action, String target, AuditEvent.Result result, String detail) {
        return AuditEvent.now(request.actor(), action, target, result, detail, request.remoteAddress());
    }
}
