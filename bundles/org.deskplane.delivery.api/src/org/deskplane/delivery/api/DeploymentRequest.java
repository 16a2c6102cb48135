package org.deskplane.delivery.api;

import java.util.List;

/** What an administrator asks for: these payloads (delivered in this order) to these VMs, run this way. */
public record DeploymentRequest(String name, List<PayloadRef> payloads, TargetSelector targets, DeliveryOptions options) {

    public DeploymentRequest {
        payloads = List.copyOf(payloads);
        options = options == null ? DeliveryOptions.DEFAULTS : options;
        name = name == null || name.isBlank() ? payloads.toString() : name.strip();
    }
}
