package org.deskplane.delivery.api;

import java.time.Instant;

/**
 * One payload on its way to one VM.
 *
 * @param vmId      {@code connection/uuid}
 * @param vmName    the VM's name when the deployment was made
 * @param host      the hypervisor connection id (the unit of per-host concurrency)
 * @param payload   which payload
 * @param state     where it stands
 * @param outcome   the outcome once decided (also after CLEANED); null before
 * @param method    the delivery method used (null before one was chosen)
 * @param progress  0–100 as the guest reports it
 * @param message   the latest human-readable word on it
 * @param exitCode  the guest's exit code once processing ended; null before or when there is none
 * @param attempts  attempts made (transient errors are retried up to the deployment's limit)
 * @param updated   when it last changed
 */
public record VmDelivery(String vmId, String vmName, String host, PayloadRef payload, VmDeliveryState state,
        VmDeliveryState outcome, String method, int progress, String message, Integer exitCode, int attempts,
        Instant updated) {

    /** Whether it is finished for good: cleaned up with an outcome. */
    public boolean isDone() {
        return state == VmDeliveryState.CLEANED;
    }
}
