package org.deskplane.delivery.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

import org.deskplane.delivery.api.DeploymentState;
import org.deskplane.delivery.api.VmDeliveryState;
import org.deskplane.hypervisor.api.HypervisorConnection;
import org.deskplane.hypervisor.api.VmState;

/**
 * Decides, on each tick, which items of a deployment may run now. Clean-up and cancellation always run (a device must
 * never stay attached because of a limit or a pause); items that were in flight when the engine stopped resume
 * first; new items start only while the deployment is RUNNING and within its global and per-host limits. It also
 * pauses a rollout at its failure threshold and completes it when every item is cleaned.
 */
final class RolloutScheduler {
    private static final long START_CHECK_MILLIS = 2000;

    /** What the scheduler needs from the engine. */
    interface Engine {
        Set<ItemRecord> activeItems();

        EngineParts parts();

        DeploymentStore store();

        void dispatch(DeploymentRecord deployment, ItemRecord item);

        void deploymentChanged(DeploymentRecord deployment, String what);
    }

    private final Engine engine;
    private final Map<ItemRecord, Long> lastStartCheck = new ConcurrentHashMap<>();

    RolloutScheduler(Engine engine) {
        this.engine = engine;
    }

    void tick(DeploymentRecord d) {
        if (d.state == DeploymentState.COMPLETED) {
            return; // every item is cleaned: nothing will change until a retry, which sets it RUNNING
        }
        List<ItemRecord> toRun = new ArrayList<>();
        synchronized (d) {
            Set<ItemRecord> active = engine.activeItems();
            int running = 0;
            Map<String, Integer> perHost = new HashMap<>();
            for (ItemRecord item : d.items) {
                if (active.contains(item)) {
                    running++;
                    perHost.merge(item.host, 1, Integer::sum);
                }
            }
            boolean changed = skipAfterFailedPredecessors(d);
            for (ItemRecord item : d.items) {
                if (item.isDone() || active.contains(item)) {
                    continue;
                }
                if (item.outcome != null || item.cancelRequested) {
                    toRun.add(item); // clean-up: no limit, no pause
                    continue;
                }
                boolean resuming = item.state != VmDeliveryState.PENDING && !item.waitingForStart;
                boolean mayStart = d.state == DeploymentState.RUNNING || resuming;
                if (!mayStart || running >= d.options.globalConcurrency()
                        || perHost.getOrDefault(item.host, 0) >= d.options.perHostConcurrency()) {
                    continue;
                }
                if (!resuming && !ready(d, item)) {
                    continue;
                }
                toRun.add(item);
                running++;
                perHost.merge(item.host, 1, Integer::sum);
            }
            changed |= checkThreshold(d);
            if (d.items.stream().allMatch(ItemRecord::isDone) && d.state != DeploymentState.COMPLETED
                    && d.state != DeploymentState.CANCELLED) {
                d.state = DeploymentState.COMPLETED;
                d.stateReason = "";
                changed = true;
                engine.deploymentChanged(d, "completed");
            }
            if (changed) {
                engine.store().save(d);
            }
        }
        toRun.forEach(item -> engine.dispatch(d, item));
    }

    /** A pending item may start: its back-off passed, its VM's earlier payload is done, its VM runs (if it waits). */
    private boolean ready(DeploymentRecord d, ItemRecord item) {
        if (item.notBefore != null && Instant.now().isBefore(item.notBefore)) {
            return false;
        }
        Predicate<ItemRecord> earlier = o -> o.vmId.equals(item.vmId) && o.payloadIndex < item.payloadIndex;
        if (d.items.stream().filter(earlier).anyMatch(o -> !o.isDone())) {
            return false;
        }
        if (item.waitingForStart) {
            long now = System.currentTimeMillis();
            Long last = lastStartCheck.get(item);
            if (last != null && now - last < START_CHECK_MILLIS) {
                return false;
            }
            lastStartCheck.put(item, now);
            HypervisorConnection connection = engine.parts().connections.get(item.host);
            try {
                return connection != null && connection.vm(item.uuid).state() == VmState.RUNNING;
            } catch (Exception e) {
                return true; // let the runner find out (VM gone → failed; connection down → retried)
            }
        }
        return true;
    }

    /** Items whose VM did not succeed with an earlier payload are skipped: a later patch may depend on it. */
    private boolean skipAfterFailedPredecessors(DeploymentRecord d) {
        boolean changed = false;
        for (ItemRecord item : d.items) {
            if (item.isDone() || item.state != VmDeliveryState.PENDING || item.outcome != null || item.payloadIndex == 0) {
                continue;
            }
            for (ItemRecord o : d.items) {
                if (o.vmId.equals(item.vmId) && o.payloadIndex < item.payloadIndex && o.isDone()
                        && o.outcome != VmDeliveryState.SUCCEEDED) {
                    item.outcome = VmDeliveryState.CANCELLED;
                    item.state = VmDeliveryState.CLEANED;
                    item.message = "skipped: " + o.payload + " did not succeed on this VM";
                    item.updated = Instant.now();
                    changed = true;
                    break;
                }
            }
        }
        return changed;
    }

    static long failedCount(DeploymentRecord d) {
        return d.items.stream().filter(i -> i.outcome == VmDeliveryState.FAILED
                || i.outcome == VmDeliveryState.TIMED_OUT).count();
    }

    private boolean checkThreshold(DeploymentRecord d) {
        int threshold = d.options.failureThreshold();
        if (threshold <= 0 || d.state != DeploymentState.RUNNING) {
            return false;
        }
        long failed = failedCount(d);
        if (failed - d.failureBase < threshold) {
            return false;
        }
        d.state = DeploymentState.PAUSED;
        d.stateReason = "paused: " + (failed - d.failureBase) + " failed VMs reached the failure threshold of " + threshold;
        engine.deploymentChanged(d, d.stateReason);
        return true;
    }

    void forget(ItemRecord item) {
        lastStartCheck.remove(item);
    }
}
