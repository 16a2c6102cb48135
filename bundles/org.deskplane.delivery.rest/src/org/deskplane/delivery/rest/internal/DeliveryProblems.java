package org.deskplane.delivery.rest.internal;

import org.deskplane.delivery.api.DeliveryException;
import org.deskplane.rest.api.ApiException;

/**
 * Turns a delivery failure into a problem answer. The title is the {@link DeliveryException.Reason} name (stable, so
 * that clients can branch on it); the detail is the service's message for humans.
 */
final class DeliveryProblems {

    private DeliveryProblems() {
    }

    static int httpStatus(DeliveryException.Reason reason) {
        return switch (reason) {
            case INVALID -> 400;
            case NOT_FOUND -> 404;
            case CONFLICT -> 409;
            // the guest side is away: like a provider that is away, worth retrying later
            case AGENT_UNAVAILABLE, TRANSIENT -> 503;
            case NOT_SUPPORTED -> 501;
            case TIMEOUT -> 504;
            case FAILED -> 500;
        };
    }

    static ApiException of(DeliveryException e) {
        DeliveryException.Reason reason = e.reason() == null ? DeliveryException.Reason.FAILED : e.reason();
        String message = e.getMessage() == null || e.getMessage().isBlank() ? "delivery answered " + reason : e.getMessage();
        return new ApiException(httpStatus(reason), reason.name(), message, e);
    }
}
