package org.deskplane.delivery.api;

import java.time.Instant;
import java.util.List;

/**
 * A deployment and every item of it.
 *
 * @param stateReason why it is in its state (e.g. "paused: 5 failures reached the threshold of 5"); may be empty
 * @param items       one per VM and payload, in target order
 */
public record Deployment(String id, String name, List<PayloadRef> payloads, DeliveryOptions options, String createdBy,
        Instant created, DeploymentState state, String stateReason, RolloutSummary summary, List<VmDelivery> items) {

    public Deployment {
        payloads = List.copyOf(payloads);
        items = List.copyOf(items);
    }
}
