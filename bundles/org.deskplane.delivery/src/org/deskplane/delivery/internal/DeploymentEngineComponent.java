package org.deskplane.delivery.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.deskplane.delivery.api.DeliveryException;
import org.deskplane.delivery.api.DeliveryException.Reason;
import org.deskplane.delivery.api.Deployment;
import org.deskplane.delivery.api.DeploymentRequest;
import org.deskplane.delivery.api.DeploymentService;
import org.deskplane.delivery.api.DeploymentState;
import org.deskplane.delivery.api.PayloadRef;
import org.deskplane.delivery.api.PayloadRepository;
import org.deskplane.delivery.api.VmDeliveryState;
import org.deskplane.delivery.spi.DeliveryMethod;
import org.deskplane.delivery.spi.GuestProcessor;
import org.deskplane.hypervisor.api.HypervisorConnection;
import org.deskplane.hypervisor.api.VmInfo;
import org.deskplane.security.api.AuditEvent;
import org.deskplane.security.api.AuditLog;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;

/**
 * The {@link DeploymentService}. Deployments live in memory and in the {@link DeploymentStore}; a ticker runs the
 * {@link RolloutScheduler} over them and hands items to {@link ItemRunner}s on a bounded worker pool. Methods,
 * processors, connections, the repository and the audit log are dynamic references: any of them can be updated while
 * deployments run. Deactivation stops the threads without cleaning anything up, as a crash would: the next
 * activation resumes every item from its record.
 */
@Component(service = DeploymentService.class, configurationPid = "org.deskplane.delivery.engine")
@Designate(ocd = EngineConfig.class)
public final class DeploymentEngineComponent implements DeploymentService, ItemRunner.Host, RolloutScheduler.Engine {
    private static final Logger LOG = Logger.getLogger(DeploymentEngineComponent.class.getName());

    private final EngineParts parts = new EngineParts();
    private final Map<String, DeploymentRecord> deployments = new ConcurrentHashMap<>();
    private final Set<ItemRecord> active = ConcurrentHashMap.newKeySet();
    private final Set<DeploymentRecord> dirty = ConcurrentHashMap.newKeySet();
    private final EngineConfig config;
    private final DeploymentStore store;
    private final RolloutScheduler scheduler = new RolloutScheduler(this);
    private final ScheduledExecutorService ticker;
    private final ExecutorService workers;
    private volatile boolean stopping;

    @Activate
    public DeploymentEngineComponent(BundleContext context, EngineConfig config) throws IOException {
        this.config = config;
        String data = context.getProperty("deskplane.data");
        Path base = data == null || data.isBlank() ? Path.of(System.getProperty("user.dir"), "data") : Path.of(data);
        this.store = new DeploymentStore(base.toAbsolutePath().resolve("delivery").resolve("deployments"),
                config.log_limit_bytes());
        for (DeploymentRecord d : store.loadAll()) {
            deployments.put(d.id, d);
            long owed = d.items.stream().filter(ItemRecord::isInFlight).count();
            if (owed > 0) {
                LOG.info("deployment " + d.id + " resumes " + owed + " items in flight");
            }
        }
        AtomicInteger n = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(Math.max(1, config.workers()), r -> {
            Thread t = new Thread(r, "deskplane-delivery-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "deskplane-delivery-scheduler");
            t.setDaemon(true);
            return t;
        });
        ticker.scheduleWithFixedDelay(this::tick, 0, Math.max(10, config.tick_millis()), TimeUnit.MILLISECONDS);
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        stopping = true;
        ticker.shutdownNow();
        workers.shutdownNow();
        if (!workers.awaitTermination(15, TimeUnit.SECONDS)) {
            LOG.warning("delivery workers still busy 15 s after stop; their items resume at the next start");
        }
    }

    private void tick() {
        try {
            for (DeploymentRecord d : deployments.values()) {
                if (dirty.remove(d)) {
                    synchronized (d) {
                        store.save(d);
                    }
                }
                scheduler.tick(d);
            }
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "delivery scheduler tick failed", e);
        }
    }

    // --- DeploymentService

    @Override
    public Deployment create(DeploymentRequest request, String user) throws DeliveryException {
        if (request.payloads().isEmpty()) {
            throw new DeliveryException(Reason.INVALID, "a deployment needs at least one payload");
        }
        PayloadRepository repository = parts.repository();
        for (PayloadRef ref : request.payloads()) {
            if (repository.find(ref).isEmpty()) {
                throw new DeliveryException(Reason.INVALID, "no payload " + ref + " in the repository");
            }
        }
        List<VmInfo> vms = TargetResolver.resolve(request.targets(), List.copyOf(parts.connections.values()));
        DeploymentRecord d = new DeploymentRecord();
        d.id = UUID.randomUUID().toString().substring(0, 13).replace("-", "");
        d.name = request.name();
        d.payloads = new ArrayList<>(request.payloads());
        d.options = request.options();
        d.createdBy = user == null ? "" : user;
        d.created = Instant.now();
        for (VmInfo vm : vms) {
            for (int p = 0; p < request.payloads().size(); p++) {
                ItemRecord item = new ItemRecord();
                item.index = d.items.size();
                item.vmId = vm.id().toString();
                item.host = vm.id().connectionId();
                item.uuid = vm.id().uuid();
                item.vmName = vm.name();
                item.payload = request.payloads().get(p);
                item.payloadIndex = p;
                item.updated = d.created;
                d.items.add(item);
            }
        }
        synchronized (d) {
            store.save(d);
        }
        deployments.put(d.id, d);
        audit(d.createdBy, "delivery.deployment.create", d.id, AuditEvent.Result.SUCCESS,
                d.name + ": " + d.payloads + " to " + vms.size() + " VMs");
        return Snapshots.of(d);
    }

    @Override
    public List<Deployment> list() {
        return deployments.values().stream().sorted((a, b) -> b.created.compareTo(a.created)).map(Snapshots::of).toList();
    }

    @Override
    public Optional<Deployment> find(String id) {
        DeploymentRecord d = id == null ? null : deployments.get(id);
        return d == null ? Optional.empty() : Optional.of(Snapshots.of(d));
    }

    @Override
    public void pause(String id) throws DeliveryException {
        changeState(id, "pause", d -> {
            if (d.state != DeploymentState.RUNNING) {
                throw new DeliveryException(Reason.CONFLICT, "deployment " + id + " is " + d.state + ", not running");
            }
            d.state = DeploymentState.PAUSED;
            d.stateReason = "paused by an administrator";
        });
    }

    @Override
    public void resume(String id) throws DeliveryException {
        changeState(id, "resume", d -> {
            if (d.state != DeploymentState.PAUSED) {
                throw new DeliveryException(Reason.CONFLICT, "deployment " + id + " is " + d.state + ", not paused");
            }
            d.state = DeploymentState.RUNNING;
            d.stateReason = "";
            d.failureBase = (int) RolloutScheduler.failedCount(d);
        });
    }

    @Override
    public void cancel(String id) throws DeliveryException {
        changeState(id, "cancel", d -> {
            if (d.state == DeploymentState.COMPLETED || d.state == DeploymentState.CANCELLED) {
                throw new DeliveryException(Reason.CONFLICT, "deployment " + id + " is already " + d.state);
            }
            d.state = DeploymentState.CANCELLED;
            d.stateReason = "cancelled by an administrator";
            d.items.forEach(this::cancelItem);
        });
    }

    @Override
    public void cancel(String id, String vmId) throws DeliveryException {
        changeState(id, "cancel " + vmId, d -> {
            List<ItemRecord> items = d.items.stream().filter(i -> i.vmId.equals(vmId)).toList();
            if (items.isEmpty()) {
                throw new DeliveryException(Reason.NOT_FOUND, "deployment " + id + " has no VM " + vmId);
            }
            items.forEach(this::cancelItem);
        });
    }

    private void cancelItem(ItemRecord item) {
        if (item.isDone() || item.outcome != null) {
            return;
        }
        if (!item.isInFlight() && !active.contains(item)) {
            item.outcome = VmDeliveryState.CANCELLED;
            item.state = VmDeliveryState.CLEANED;
            item.message = "cancelled before it started";
        } else {
            item.cancelRequested = true;
        }
        item.updated = Instant.now();
    }

    @Override
    public int retryFailed(String id) throws DeliveryException {
        int[] count = { 0 };
        changeState(id, "retry", d -> {
            if (d.state == DeploymentState.CANCELLED) {
                throw new DeliveryException(Reason.CONFLICT, "deployment " + id + " was cancelled");
            }
            for (ItemRecord item : d.items) {
                boolean failed = item.outcome == VmDeliveryState.FAILED || item.outcome == VmDeliveryState.TIMED_OUT;
                boolean skipped = item.outcome == VmDeliveryState.CANCELLED && item.message.startsWith("skipped");
                if (item.isDone() && (failed || skipped)) {
                    reset(item);
                    count[0]++;
                }
            }
            if (count[0] > 0) {
                d.state = DeploymentState.RUNNING;
                d.stateReason = "";
                d.failureBase = (int) RolloutScheduler.failedCount(d);
            }
        });
        return count[0];
    }

    private static void reset(ItemRecord item) {
        item.state = VmDeliveryState.PENDING;
        item.outcome = null;
        item.attempts = 0;
        item.jobId = null;
        item.prepared = false;
        item.method = null;
        item.processor = null;
        item.attachment = null;
        item.attaching = null;
        item.progress = 0;
        item.exitCode = null;
        item.logNext = 0;
        item.cancelRequested = false;
        item.notBefore = null;
        item.waitingForStart = false;
        item.cleanupSince = null;
        item.processingDeadline = null;
        item.message = "retry requested";
        item.updated = Instant.now();
    }

    @Override
    public List<String> log(String id, String vmId, int from, int max) throws DeliveryException {
        DeploymentRecord d = record(id);
        List<ItemRecord> items;
        synchronized (d) {
            items = d.items.stream().filter(i -> i.vmId.equals(vmId)).toList();
        }
        if (items.isEmpty()) {
            throw new DeliveryException(Reason.NOT_FOUND, "deployment " + id + " has no VM " + vmId);
        }
        List<String> lines = new ArrayList<>();
        try {
            for (ItemRecord item : items) {
                lines.addAll(store.readLog(id, item.index, 0, from + max));
            }
        } catch (IOException e) {
            throw new DeliveryException(Reason.FAILED, "cannot read the log: " + e.getMessage(), e);
        }
        int start = Math.min(Math.max(0, from), lines.size());
        return List.copyOf(lines.subList(start, Math.min(lines.size(), start + Math.max(0, max))));
    }

    private interface Change {
        void apply(DeploymentRecord d) throws DeliveryException;
    }

    private void changeState(String id, String what, Change change) throws DeliveryException {
        DeploymentRecord d = record(id);
        synchronized (d) {
            change.apply(d);
            store.save(d);
        }
        audit("", "delivery.deployment." + what.split(" ")[0], id, AuditEvent.Result.SUCCESS, what);
    }

    private DeploymentRecord record(String id) throws DeliveryException {
        DeploymentRecord d = id == null ? null : deployments.get(id);
        if (d == null) {
            throw new DeliveryException(Reason.NOT_FOUND, "no deployment " + id);
        }
        return d;
    }

    // --- what runners and the scheduler use

    @Override
    public EngineParts parts() {
        return parts;
    }

    @Override
    public DeploymentStore store() {
        return store;
    }

    @Override
    public EngineConfig config() {
        return config;
    }

    @Override
    public boolean stopping() {
        return stopping;
    }

    @Override
    public Set<ItemRecord> activeItems() {
        return active;
    }

    @Override
    public void dispatch(DeploymentRecord deployment, ItemRecord item) {
        if (stopping || !active.add(item)) {
            return;
        }
        try {
            workers.execute(new ItemRunner(this, deployment, item));
        } catch (RejectedExecutionException e) {
            active.remove(item);
        }
    }

    @Override
    public void markDirty(DeploymentRecord deployment) {
        dirty.add(deployment);
    }

    @Override
    public void runnerFinished(ItemRecord item) {
        active.remove(item);
        scheduler.forget(item);
    }

    @Override
    public void outcomeReached(DeploymentRecord deployment, ItemRecord item) {
        AuditEvent.Result result = item.outcome == VmDeliveryState.SUCCEEDED ? AuditEvent.Result.SUCCESS
                : AuditEvent.Result.FAILURE;
        audit(deployment.createdBy, "delivery.item", item.vmId, result,
                deployment.id + " " + item.payload + " " + item.outcome + ": " + item.message);
    }

    @Override
    public void deploymentChanged(DeploymentRecord deployment, String what) {
        audit(deployment.createdBy, "delivery.deployment.state", deployment.id, AuditEvent.Result.SUCCESS, what);
    }

    private void audit(String actor, String action, String target, AuditEvent.Result result, String detail) {
        AuditLog log = parts.audit;
        if (log != null) {
            try {
                log.record(AuditEvent.now(actor, action, target, result, detail, "delivery"));
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "audit log refused " + action, e);
            }
        }
    }

    // --- dynamic references

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addMethod(DeliveryMethod method) {
        parts.methods.put(method.name(), method);
    }

    void removeMethod(DeliveryMethod method) {
        parts.methods.remove(method.name(), method);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addProcessor(GuestProcessor processor) {
        parts.processors.add(processor);
    }

    void removeProcessor(GuestProcessor processor) {
        parts.processors.remove(processor);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addConnection(HypervisorConnection connection) {
        parts.connections.put(connection.id(), connection);
    }

    void removeConnection(HypervisorConnection connection) {
        parts.connections.remove(connection.id(), connection);
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void setRepository(PayloadRepository repository) {
        parts.repository = repository;
    }

    void unsetRepository(PayloadRepository repository) {
        if (parts.repository == repository) {
            parts.repository = null;
        }
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void setAudit(AuditLog audit) {
        parts.audit = audit;
    }

    void unsetAudit(AuditLog audit) {
        if (parts.audit == audit) {
            parts.audit = null;
        }
    }
}
