package org.deskplane.delivery.internal;

import java.util.List;

import org.deskplane.delivery.api.Deployment;
import org.deskplane.delivery.api.RolloutSummary;
import org.deskplane.delivery.api.VmDelivery;
import org.deskplane.delivery.api.VmDeliveryState;

/** Immutable API views of the engine's records (taken under the deployment's lock). */
final class Snapshots {

    private Snapshots() {
    }

    static Deployment of(DeploymentRecord d) {
        synchronized (d) {
            List<VmDelivery> items = d.items.stream().map(Snapshots::of).toList();
            return new Deployment(d.id, d.name, d.payloads, d.options, d.createdBy, d.created, d.state,
                    d.stateReason == null ? "" : d.stateReason, summary(d), items);
        }
    }

    static VmDelivery of(ItemRecord i) {
        return new VmDelivery(i.vmId, i.vmName, i.host, i.payload, i.state, i.outcome, i.method, i.progress,
                i.message == null ? "" : i.message, i.exitCode, i.attempts, i.updated);
    }

    static RolloutSummary summary(DeploymentRecord d) {
        int pending = 0;
        int running = 0;
        int succeeded = 0;
        int failed = 0;
        int cancelled = 0;
        for (ItemRecord i : d.items) {
            if (i.outcome == null && i.state == VmDeliveryState.PENDING) {
                pending++;
            } else if (!i.isDone()) {
                running++; // includes items with an outcome still cleaning up: their device may be attached
            } else {
                switch (i.outcome) {
                    case SUCCEEDED -> succeeded++;
                    case CANCELLED -> cancelled++;
                    default -> failed++;
                }
            }
        }
        return new RolloutSummary(d.items.size(), pending, running, succeeded, failed, cancelled);
    }
}
