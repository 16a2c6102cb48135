package org.deskplane.delivery.spi;

import org.deskplane.delivery.api.DeliveryException;
import org.deskplane.delivery.api.DeliveryException.Reason;
import org.deskplane.hypervisor.api.HypervisorException;

/** Turns a hypervisor failure into the delivery failure it means, so the engine retries only what is worth it. */
public final class HypervisorFailures {

    private HypervisorFailures() {
    }

    public static DeliveryException of(String what, HypervisorException e) {
        Reason reason = switch (e.kind()) {
            case NOT_FOUND -> Reason.NOT_FOUND;
            case NOT_SUPPORTED -> Reason.NOT_SUPPORTED;
            case CONNECTION_LOST -> Reason.TRANSIENT;
            case TIMEOUT -> Reason.TIMEOUT;
            case INVALID -> Reason.INVALID;
            default -> Reason.FAILED;
        };
        return new DeliveryException(reason, what + ": " + e.getMessage(), e);
    }
}
