package org.deskplane.delivery.rest.internal;

import org.deskplane.delivery.api.DeploymentService;
import org.deskplane.delivery.api.PayloadRepository;
import org.deskplane.security.api.AuditEvent;

/** What the routes reach: each call returns the current service or answers 503, and the audit log. */
interface DeliveryServices {

    PayloadRepository payloads();

    DeploymentService deployments();

    /** Largest zip archive an import reads, in bytes. */
    long maxImportBytes();

    /** Appends to the audit log when there is one (a missing audit log must not stop deliveries). */
    void audit(AuditEvent event);
}
