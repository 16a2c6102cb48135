package org.deskplane.vmdiff.rest.internal;

import java.io.IOException;

import org.deskplane.rest.api.ApiException;
import org.deskplane.rest.api.Audited;
import org.deskplane.rest.api.Handler;
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
        return Audited.of(services::audit, action, "accepted", read(handler));
    }
}
