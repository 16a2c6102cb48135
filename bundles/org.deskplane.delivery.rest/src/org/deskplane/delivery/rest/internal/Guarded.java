package org.deskplane.delivery.rest.internal;

import org.deskplane.delivery.api.DeliveryException;
import org.deskplane.rest.api.ApiException;
import org.deskplane.rest.api.Audited;
import org.deskplane.rest.api.Handler;

/**
 * Wraps a handler so that a {@link DeliveryException} (or a value the API's records refuse) becomes its problem
 * answer, and, for a mutating route, so that the outcome goes to the audit log with the caller as actor: SUCCESS
 * with the created resource's location (or the path) as target, FAILURE with the problem's words.
 */
final class Guarded {

    private Guarded() {
    }

    /** A read: only the error mapping. */
    static Handler read(Handler handler) {
        return request -> {
            try {
                return handler.handle(request);
            } catch (DeliveryException e) {
                throw DeliveryProblems.of(e);
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest(e.getMessage());
            }
        };
    }

    /** A change: the error mapping, and an audit record of the outcome under {@code action}. */
    static Handler audited(DeliveryServices services, String action, Handler handler) {
        return Audited.of(services::audit, action, "", read(handler));
    }
}
