package org.deskplane.delivery.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.deskplane.delivery.api.DeliveryException;
import org.deskplane.delivery.api.DeliveryException.Reason;
import org.deskplane.delivery.api.DeliveryOptions;
import org.deskplane.delivery.api.Payload;
import org.deskplane.delivery.api.VmDeliveryState;
import org.deskplane.delivery.spi.AttachContext;
import org.deskplane.delivery.spi.Attachment;
import org.deskplane.delivery.spi.DeliveryMethod;
import org.deskplane.delivery.spi.GuestJob;
import org.deskplane.delivery.spi.GuestProcessor;
import org.deskplane.delivery.spi.GuestState;
import org.deskplane.delivery.spi.GuestStatus;
import org.deskplane.delivery.spi.MediaLocation;
import org.deskplane.delivery.spi.VmTarget;
import org.deskplane.hypervisor.api.HypervisorConnection;
import org.deskplane.hypervisor.api.HypervisorException;
import org.deskplane.hypervisor.api.VmId;
import org.deskplane.hypervisor.api.VmInfo;
import org.deskplane.hypervisor.api.VmState;

/**
 * Drives one item from wherever its record says it is to CLEANED: prepare the guest, attach, start, follow,
 * decide the outcome, clean up. Every transition is persisted before the next step, so a crash at any point leaves
 * a record from which the next engine resumes (or cleans up). An interrupt (the engine stopping) leaves the record
 * as it is, exactly like a crash would.
 */
final class ItemRunner implements Runnable {
    private static final Logger LOG = Logger.getLogger(ItemRunner.class.getName());
    private static final Duration MAX_CLEANUP_BACKOFF = Duration.ofSeconds(30);

    /** What a runner needs from the engine. */
    interface Host {
        EngineParts parts();

        DeploymentStore store();

        EngineConfig config();

        boolean stopping();

        void outcomeReached(DeploymentRecord deployment, ItemRecord item);

        void runnerFinished(ItemRecord item);

        /** The deployment changed in a way worth saving soon, not at once (progress, log position). */
        void markDirty(DeploymentRecord deployment);
    }

    /** The engine is stopping: leave the record as it is. */
    private static final class Stopping extends Exception {
        private static final long serialVersionUID = 1L;
    }

    private final Host host;
    private final DeploymentRecord deployment;
    private final ItemRecord item;
    private final DeliveryOptions options;

    ItemRunner(Host host, DeploymentRecord deployment, ItemRecord item) {
        this.host = host;
        this.deployment = deployment;
        this.item = item;
        this.options = deployment.options;
    }

    @Override
    public void run() {
        try {
            if (item.outcome == null && item.cancelRequested) {
                cancelInGuest();
                decide(VmDeliveryState.CANCELLED, "cancelled", null);
            }
            if (item.outcome == null) {
                try {
                    drive();
                } catch (DeliveryException e) {
                    if (host.stopping()) {
                        return;
                    }
                    if (!failed(e)) {
                        return; // going to be retried
                    }
                }
            }
            if (item.outcome != null) {
                cleanUp();
            }
        } catch (Stopping | InterruptedException e) {
            // the engine is stopping: the record stays as it is and the next engine resumes from it
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "delivery item " + item.vmId + " of " + deployment.id + " failed unexpectedly", e);
            log("engine", "internal error: " + e);
        } finally {
            host.runnerFinished(item);
        }
    }

    private void drive() throws DeliveryException, InterruptedException, Stopping {
        VmTarget vm = vm();
        boolean running = vm.info().state() == VmState.RUNNING;
        if (!running) {
            if (!waitForStart(vm)) {
                return;
            }
        } else if (item.waitingForStart) {
            update(r -> r.waitingForStart = false);
        }
        GuestJob job = job();
        GuestProcessor processor;
        if (!item.prepared) {
            processor = prepareWithAny(vm, job);
            update(r -> {
                r.prepared = true;
                if (r.state == VmDeliveryState.PENDING) {
                    r.state = VmDeliveryState.PREPARED;
                }
                r.message = "the guest acknowledged";
            });
        } else {
            processor = processor(vm);
        }
        if (item.state == VmDeliveryState.PREPARED) {
            attach(vm, false);
            vm = vm();
        }
        if (item.state == VmDeliveryState.ATTACHED) {
            MediaLocation where = item.attachment.location();
            processor.start(vm, job, where, options.agentTimeout());
            Duration limit = options.processingTimeout() != null ? options.processingTimeout() : job.manifest().timeout();
            update(r -> {
                r.state = VmDeliveryState.PROCESSING;
                r.processingDeadline = Instant.now().plus(limit);
                r.message = "processing";
            });
            log("engine", "processing started; it may take " + limit.toSeconds() + " s");
        }
        if (item.state == VmDeliveryState.PROCESSING) {
            follow(vm, processor);
        }
    }

    /**
     * The VM is not running: applies the deployment's powered-off policy. Returns true to go on (never, for now: a
     * VM that is off cannot process), false when the item now waits for the VM to start.
     */
    private boolean waitForStart(VmTarget vm) throws DeliveryException, InterruptedException, Stopping {
        if (item.state.isActive() && !item.waitingForStart) {
            // it stopped under us: what was attached to the running VM is gone with it; try again from the start
            throw new DeliveryException(Reason.TRANSIENT, "the VM stopped during the delivery");
        }
        switch (options.poweredOff()) {
            case FAIL_FAST -> throw new DeliveryException(Reason.INVALID, "the VM is not running (" + vm.info().state()
                    + "); this deployment fails powered-off VMs at once");
            case WAIT_FOR_START -> {
                if (!item.waitingForStart) {
                    update(r -> {
                        r.waitingForStart = true;
                        r.message = "waiting for the VM to start";
                    });
                    log("engine", "the VM is not running: waiting for it to start");
                }
            }
            case ATTACH_FOR_NEXT_START -> {
                if (item.state == VmDeliveryState.PENDING) {
                    job();
                    attach(vm, true);
                    update(r -> {
                        r.waitingForStart = true;
                        r.message = "attached for the VM's next start";
                    });
                } else if (!item.waitingForStart) {
                    update(r -> r.waitingForStart = true);
                }
            }
        }
        return false;
    }

    private void attach(VmTarget vm, boolean forNextStart) throws DeliveryException, Stopping {
        Payload payload = payload();
        List<String> order = options.methods().isEmpty() ? List.of(host.config().default_methods()) : options.methods();
        List<String> why = new ArrayList<>();
        for (String name : order) {
            DeliveryMethod method = host.parts().method(name);
            if (method == null) {
                why.add(name + ": not installed");
                continue;
            }
            String reason = method.unusableReason(vm, forNextStart);
            if (reason != null) {
                why.add(name + ": " + reason);
                continue;
            }
            update(r -> {
                r.attaching = name;
                r.method = name;
            });
            Consumer<String> methodLog = line -> log(name, line);
            Attachment attachment;
            try {
                attachment = method.attach(vm, new AttachContext(payload, host.parts().repository(), item.jobId, methodLog));
            } catch (DeliveryException e) {
                if (e.reason() != Reason.NOT_SUPPORTED) {
                    throw e; // 'attaching' stays set: clean-up undoes whatever part of the attach happened
                }
                why.add(name + ": " + e.getMessage());
                log("engine", name + " cannot serve this VM: " + e.getMessage() + "; trying the next method");
                update(r -> {
                    r.attaching = null;
                    r.method = null;
                });
                continue;
            }
            update(r -> {
                r.attachment = attachment;
                r.attaching = null;
                r.state = VmDeliveryState.ATTACHED;
                r.message = "payload attached by " + name;
            });
            return;
        }
        throw new DeliveryException(Reason.NOT_SUPPORTED, "no delivery method can serve this VM: " + String.join("; ", why));
    }

    private void follow(VmTarget vm, GuestProcessor processor) throws DeliveryException, InterruptedException, Stopping {
        String lastProblem = "";
        while (true) {
            checkStopping();
            if (item.cancelRequested) {
                cancelInGuest();
                decide(VmDeliveryState.CANCELLED, "cancelled while processing", null);
                return;
            }
            if (Instant.now().isAfter(item.processingDeadline)) {
                cancelInGuest();
                decide(VmDeliveryState.TIMED_OUT, "no result from the guest by the processing deadline"
                        + (lastProblem.isEmpty() ? "" : " (" + lastProblem + ")"), null);
                return;
            }
            try {
                GuestStatus status = processor.status(vm, item.jobId, item.logNext, options.agentTimeout());
                status.log().forEach(line -> log("guest", line));
                // progress is polled every second per item: saved with the next tick rather than fsynced each time
                // (after a crash a few log lines may be fetched again; states are always saved at once)
                touch(r -> {
                    r.progress = status.progress();
                    r.logNext = status.nextLog();
                    if (!status.message().isEmpty()) {
                        r.message = status.message();
                    }
                });
                if (status.state().isFinal()) {
                    VmDeliveryState outcome = switch (status.state()) {
                        case SUCCEEDED -> VmDeliveryState.SUCCEEDED;
                        case CANCELLED -> VmDeliveryState.CANCELLED;
                        default -> VmDeliveryState.FAILED;
                    };
                    decide(outcome, status.message(), status.exitCode());
                    return;
                }
                lastProblem = status.state() == GuestState.UNKNOWN
                        ? "the guest no longer knows the job: its agent restarted or lost it" : "";
            } catch (DeliveryException e) {
                lastProblem = e.getMessage();
                vmStillThere();
            }
            Thread.sleep(host.config().poll_millis());
        }
    }

    private void vmStillThere() throws DeliveryException {
        try {
            host.parts().connection(item.host).vm(item.uuid);
        } catch (HypervisorException e) {
            if (e.kind() == HypervisorException.Kind.NOT_FOUND) {
                throw new DeliveryException(Reason.NOT_FOUND, "the VM no longer exists");
            }
        }
    }

    private void cancelInGuest() {
        GuestProcessor processor = host.parts().processor(item.processor);
        if (processor == null || item.jobId == null || !item.prepared) {
            return;
        }
        try {
            processor.cancel(vm(), item.jobId, options.agentTimeout());
        } catch (DeliveryException e) {
            log("engine", "could not cancel in the guest: " + e.getMessage());
        }
    }

    /** Handles a failed step: true when the item now has an outcome, false when it goes back to PENDING for a retry. */
    private boolean failed(DeliveryException e) throws InterruptedException, Stopping {
        log("engine", "failed: " + e.getMessage());
        boolean retry = e.reason() == Reason.TRANSIENT && item.attempts < options.maxRetries();
        if (retry) {
            // a retry starts from nothing attached: the attachment record is dropped below, so the detach must have
            // happened (it keeps trying, as clean-up does; found by ServerKillTest, where the method's bundle came
            // back only after the restarted engine had begun retrying)
            detachEverything();
            long backoff = host.config().retry_backoff_millis() << Math.min(item.attempts, 6);
            update(r -> {
                r.attempts++;
                r.state = VmDeliveryState.PENDING;
                r.jobId = null;
                r.prepared = false;
                r.attachment = null;
                r.attaching = null;
                r.method = null;
                r.progress = 0;
                r.logNext = 0;
                r.cleanupSince = null;
                r.notBefore = Instant.now().plusMillis(backoff);
                r.message = "retrying after: " + e.getMessage();
            });
            return false;
        }
        VmDeliveryState outcome = switch (e.reason()) {
            case TIMEOUT -> VmDeliveryState.TIMED_OUT;
            default -> VmDeliveryState.FAILED;
        };
        String prefix = e.reason() == Reason.AGENT_UNAVAILABLE && !e.getMessage().startsWith("agent unavailable")
                ? "agent unavailable: " : "";
        String suffix = e.reason() == Reason.TRANSIENT ? " (gave up after " + (item.attempts + 1) + " attempts)" : "";
        decide(outcome, prefix + e.getMessage() + suffix, null);
        return true;
    }

    private void decide(VmDeliveryState outcome, String message, Integer exitCode) throws Stopping {
        update(r -> {
            r.outcome = outcome;
            r.state = outcome;
            r.message = message == null ? "" : message;
            r.exitCode = exitCode;
            if (outcome == VmDeliveryState.SUCCEEDED) {
                r.progress = 100;
            }
        });
        log("engine", "outcome " + outcome + (exitCode == null ? "" : " (exit code " + exitCode + ")") + ": " + message);
        host.outcomeReached(deployment, item);
    }

    /** Releases the guest and detaches the device, retrying until it is done; then the item is CLEANED. */
    private void cleanUp() throws InterruptedException, Stopping {
        detachEverything();
        update(r -> {
            r.state = VmDeliveryState.CLEANED;
            r.attachment = null;
            r.attaching = null;
            r.waitingForStart = false;
        });
        log("engine", "cleaned up");
    }

    private void detachEverything() throws InterruptedException, Stopping {
        if (item.cleanupSince == null) {
            update(r -> r.cleanupSince = Instant.now());
        }
        releaseGuest();
        Attachment attachment = item.attachment != null ? item.attachment : recoveryAttachment();
        if (attachment == null) {
            return;
        }
        Duration backoff = Duration.ofMillis(Math.max(100, host.config().poll_millis()));
        boolean reportedOverdue = false;
        while (true) {
            checkStopping();
            try {
                DeliveryMethod method = host.parts().method(attachment.method());
                if (method == null) {
                    throw new DeliveryException(Reason.TRANSIENT, "delivery method " + attachment.method() + " is not installed");
                }
                VmTarget vm = vmOrGhost();
                method.detach(vm, attachment);
                if (method.isAttached(vmOrGhost(), attachment)) {
                    throw new DeliveryException(Reason.TRANSIENT, "the payload is still attached after detaching it");
                }
                log("engine", "payload detached (" + attachment.method() + ")");
                return;
            } catch (DeliveryException e) {
                boolean overdue = Instant.now().isAfter(item.cleanupSince.plus(options.detachTimeout()));
                if (overdue && !reportedOverdue) {
                    reportedOverdue = true;
                    update(r -> r.message = r.message + " — clean-up overdue, still trying: " + e.getMessage());
                    log("engine", "clean-up overdue (detach timeout " + options.detachTimeout().toSeconds()
                            + " s passed); still trying: " + e.getMessage());
                } else if (!overdue) {
                    log("engine", "detach failed, trying again: " + e.getMessage());
                }
                Thread.sleep(backoff.toMillis());
                backoff = backoff.multipliedBy(2).compareTo(MAX_CLEANUP_BACKOFF) > 0 ? MAX_CLEANUP_BACKOFF : backoff.multipliedBy(2);
            }
        }
    }

    /** After a crash between "attaching" and the recorded attachment: what the method needs to find its own traces. */
    private Attachment recoveryAttachment() {
        if (item.attaching == null) {
            return null;
        }
        Map<String, String> handle = new HashMap<>();
        handle.put("job", item.jobId == null ? "" : item.jobId);
        try {
            Payload payload = payload();
            handle.put("label", payload.volumeLabel());
            handle.put("image", host.parts().repository().image(payload.ref(), bytes -> {
            }).toString());
        } catch (DeliveryException e) {
            log("engine", "recovering an interrupted attach without the payload image: " + e.getMessage());
        }
        return new Attachment(item.attaching, MediaLocation.label(handle.getOrDefault("label", "")), handle);
    }

    private void releaseGuest() {
        GuestProcessor processor = host.parts().processor(item.processor);
        if (processor == null || item.jobId == null || !item.prepared) {
            return;
        }
        try {
            VmTarget vm = vm();
            if (vm.info().state() == VmState.RUNNING) {
                processor.release(vm, item.jobId, options.agentTimeout());
            }
        } catch (DeliveryException e) {
            log("engine", "the guest did not release the media: " + e.getMessage() + " (detaching anyway)");
        }
    }

    /**
     * Asks the processors that can reach the VM, best first, to prepare, until one acknowledges or the agent timeout
     * passes. Asking rather than trusting {@link GuestProcessor#canReach} alone matters right after a VM starts: QEMU's
     * agent channel exists before our agent has connected, and the better processor should win once it is there.
     */
    private GuestProcessor prepareWithAny(VmTarget vm, GuestJob job) throws DeliveryException, InterruptedException, Stopping {
        long deadline = System.nanoTime() + options.agentTimeout().toNanos();
        java.util.Set<String> asked = new java.util.HashSet<>();
        java.util.Map<String, String> refusals = new java.util.LinkedHashMap<>();
        while (true) {
            checkStopping();
            for (GuestProcessor candidate : host.parts().processorsByRank()) {
                if (!candidate.canReach(vm)) {
                    continue;
                }
                long left = Math.max(1_000_000_000L, deadline - System.nanoTime());
                if (asked.add(candidate.name())) {
                    log("engine", "asking the guest (" + candidate.name() + ") to prepare for job " + job.jobId());
                }
                try {
                    candidate.prepare(vm, job, Duration.ofNanos(left));
                    String name = candidate.name();
                    update(r -> r.processor = name);
                    return candidate;
                } catch (DeliveryException e) {
                    if (e.reason() != Reason.AGENT_UNAVAILABLE) {
                        throw e;
                    }
                    refusals.put(candidate.name(), e.getMessage());
                }
            }
            if (System.nanoTime() > deadline) {
                throw new DeliveryException(Reason.AGENT_UNAVAILABLE, "agent unavailable: no guest agent of VM "
                        + item.vmName + " answered within " + options.agentTimeout().toSeconds() + " s"
                        + (refusals.isEmpty() ? " (none could reach it; processors: "
                                + host.parts().processorsByRank().stream().map(GuestProcessor::name).toList() + ")"
                                : ": " + refusals));
            }
            Thread.sleep(Math.min(1000, host.config().poll_millis()));
        }
    }

    private GuestProcessor processor(VmTarget vm) throws DeliveryException, InterruptedException, Stopping {
        long deadline = System.nanoTime() + options.agentTimeout().toNanos();
        while (true) {
            checkStopping();
            GuestProcessor chosen = item.processor != null ? host.parts().processor(item.processor) : null;
            if (chosen == null || !chosen.canReach(vm)) {
                chosen = host.parts().processorsByRank().stream().filter(p -> p.canReach(vm)).findFirst().orElse(null);
            }
            if (chosen != null) {
                String name = chosen.name();
                if (!name.equals(item.processor)) {
                    update(r -> r.processor = name);
                }
                return chosen;
            }
            if (System.nanoTime() > deadline) {
                throw new DeliveryException(Reason.AGENT_UNAVAILABLE, "agent unavailable: no guest agent of VM "
                        + item.vmName + " answered within " + options.agentTimeout().toSeconds() + " s (processors: "
                        + host.parts().processorsByRank().stream().map(GuestProcessor::name).toList() + ")");
            }
            Thread.sleep(Math.min(1000, host.config().poll_millis()));
        }
    }

    private GuestJob job() throws DeliveryException, Stopping {
        if (item.jobId == null) {
            String id = deployment.id + "-" + item.index + "-" + item.attempts;
            update(r -> r.jobId = id);
        }
        Payload payload = payload();
        return new GuestJob(item.jobId, payload.manifest(), payload.volumeLabel());
    }

    private Payload payload() throws DeliveryException {
        return host.parts().repository().find(item.payload).orElseThrow(() -> new DeliveryException(Reason.NOT_FOUND,
                "payload " + item.payload + " is no longer in the repository"));
    }

    private VmTarget vm() throws DeliveryException {
        HypervisorConnection connection = host.parts().connection(item.host);
        try {
            return new VmTarget(new VmId(item.host, item.uuid), connection.vm(item.uuid), connection);
        } catch (HypervisorException e) {
            throw switch (e.kind()) {
                case NOT_FOUND -> new DeliveryException(Reason.NOT_FOUND, "the VM no longer exists", e);
                case CONNECTION_LOST, TIMEOUT -> new DeliveryException(Reason.TRANSIENT, "hypervisor: " + e.getMessage(), e);
                default -> new DeliveryException(Reason.FAILED, "hypervisor: " + e.getMessage(), e);
            };
        }
    }

    /** The VM, or when it was deleted a stand-in without devices, so methods still remove their files. */
    private VmTarget vmOrGhost() throws DeliveryException {
        try {
            return vm();
        } catch (DeliveryException e) {
            if (e.reason() != Reason.NOT_FOUND) {
                throw e;
            }
            HypervisorConnection connection = host.parts().connection(item.host);
            VmId id = new VmId(item.host, item.uuid);
            return new VmTarget(id, new VmInfo(id, item.vmName, VmState.UNKNOWN, false, false, 0, 0, List.of(),
                    List.of(), Map.of()), connection);
        }
    }

    private void checkStopping() throws Stopping {
        if (host.stopping() || Thread.currentThread().isInterrupted()) {
            throw new Stopping();
        }
    }

    private void update(Consumer<ItemRecord> change) throws Stopping {
        checkStopping();
        synchronized (deployment) {
            change.accept(item);
            item.updated = Instant.now();
            host.store().save(deployment);
        }
    }

    private void touch(Consumer<ItemRecord> change) throws Stopping {
        checkStopping();
        synchronized (deployment) {
            change.accept(item);
            item.updated = Instant.now();
        }
        host.markDirty(deployment);
    }

    private void log(String source, String text) {
        host.store().log(deployment.id, item.index, source, text);
    }
}
