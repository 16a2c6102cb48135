package org.deskplane.delivery.testing;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

import org.deskplane.delivery.api.DeliveryException;
import org.deskplane.delivery.api.DeliveryException.Reason;
import org.deskplane.delivery.api.Deployment;
import org.deskplane.delivery.api.DeploymentRequest;
import org.deskplane.delivery.api.DeploymentService;
import org.deskplane.delivery.api.DeploymentState;
import org.deskplane.delivery.api.PayloadRef;
import org.deskplane.delivery.api.PayloadRepository;
import org.deskplane.delivery.api.RolloutSummary;
import org.deskplane.delivery.api.VmDelivery;
import org.deskplane.delivery.api.VmDeliveryState;

/**
 * A deployment service that keeps deployments in memory and moves nothing by itself: a test sets items' states with
 * {@link #update}. Targets resolve without a hypervisor: {@code vmIds} as given, {@code names} as
 * {@code test/<name>}; pools and tags match nothing. Every call is recorded ({@link #calls()}) so a client test can
 * check what reached the service.
 */
public final class InMemoryDeploymentService implements DeploymentService {

    private final PayloadRepository repository;
    private final Map<String, Deployment> deployments = new LinkedHashMap<>();
    private final Map<String, List<String>> logs = new LinkedHashMap<>();
    private final List<String> calls = new CopyOnWriteArrayList<>();
    private final AtomicInteger ids = new AtomicInteger();

    /** @param repository checked for the payloads a deployment names; null: any payload goes */
    public InMemoryDeploymentService(PayloadRepository repository) {
        this.repository = repository;
    }

    /** What was called, e.g. {@code create d1}, {@code pause d1}, {@code cancel d1 test/vm-a}. */
    public List<String> calls() {
        return List.copyOf(calls);
    }

    @Override
    public synchronized Deployment create(DeploymentRequest request, String user) throws DeliveryException {
        if (request.payloads().isEmpty()) {
            throw new DeliveryException(Reason.INVALID, "a deployment needs at least one payload");
        }
        for (PayloadRef ref : request.payloads()) {
            if (repository != null && repository.find(ref).isEmpty()) {
                throw new DeliveryException(Reason.INVALID, "unknown payload " + ref);
            }
        }
        List<String> vms = new ArrayList<>(request.targets().vmIds());
        request.targets().names().forEach(n -> vms.add("test/" + n));
        if (vms.isEmpty()) {
            throw new DeliveryException(Reason.INVALID, "the targets match no VM");
        }
        String id = "d" + ids.incrementAndGet();
        List<VmDelivery> items = new ArrayList<>();
        Instant now = Instant.now();
        for (String vm : vms) {
            for (PayloadRef ref : request.payloads()) {
                items.add(new VmDelivery(vm, vm.substring(vm.indexOf('/') + 1), vm.substring(0, Math.max(0, vm.indexOf('/'))),
                        ref, VmDeliveryState.PENDING, null, null, 0, "waiting", null, 0, now));
            }
            logs.put(id + " " + vm, new ArrayList<>(List.of("queued for " + vm)));
        }
        Deployment d = withItems(new Deployment(id, request.name(), request.payloads(), request.options(), user, now,
                DeploymentState.RUNNING, "", null, items), items);
        deployments.put(id, d);
        calls.add("create " + id);
        return d;
    }

    @Override
    public synchronized List<Deployment> list() {
        return List.copyOf(deployments.values());
    }

    @Override
    public synchronized Optional<Deployment> find(String id) {
        return Optional.ofNullable(deployments.get(id));
    }

    @Override
    public synchronized void pause(String id) throws DeliveryException {
        Deployment d = active(id);
        calls.add("pause " + id);
        deployments.put(id, state(d, DeploymentState.PAUSED, "paused by an administrator"));
    }

    @Override
    public synchronized void resume(String id) throws DeliveryException {
        Deployment d = active(id);
        calls.add("resume " + id);
        deployments.put(id, state(d, DeploymentState.RUNNING, ""));
    }

    @Override
    public synchronized void cancel(String id) throws DeliveryException {
        Deployment d = active(id);
        calls.add("cancel " + id);
        List<VmDelivery> items = d.items().stream().map(i -> i.isDone() ? i : cancelled(i)).toList();
        deployments.put(id, withItems(state(d, DeploymentState.CANCELLED, "cancelled by an administrator"), items));
    }

    @Override
    public synchronized void cancel(String id, String vmId) throws DeliveryException {
        Deployment d = active(id);
        if (d.items().stream().noneMatch(i -> i.vmId().equals(vmId))) {
            throw new DeliveryException(Reason.NOT_FOUND, "deployment " + id + " has no VM " + vmId);
        }
        calls.add("cancel " + id + " " + vmId);
        deployments.put(id, withItems(d, d.items().stream()
                .map(i -> i.vmId().equals(vmId) && !i.isDone() ? cancelled(i) : i).toList()));
        log(id, vmId, "cancelled by an administrator");
    }

    @Override
    public synchronized int retryFailed(String id) throws DeliveryException {
        Deployment d = require(id);
        calls.add("retry " + id);
        int[] count = { 0 };
        List<VmDelivery> items = d.items().stream().map(i -> {
            if (i.outcome() == VmDeliveryState.FAILED || i.outcome() == VmDeliveryState.TIMED_OUT) {
                count[0]++;
                return new VmDelivery(i.vmId(), i.vmName(), i.host(), i.payload(), VmDeliveryState.PENDING, null,
                        null, 0, "retrying", null, i.attempts(), Instant.now());
            }
            return i;
        }).toList();
        Deployment next = withItems(d, items);
        if (count[0] > 0 && d.state() == DeploymentState.PAUSED) {
            next = state(next, DeploymentState.RUNNING, "");
        }
        deployments.put(id, next);
        return count[0];
    }

    @Override
    public synchronized List<String> log(String id, String vmId, int from, int max) throws DeliveryException {
        require(id);
        List<String> lines = logs.get(id + " " + vmId);
        if (lines == null) {
            throw new DeliveryException(Reason.NOT_FOUND, "deployment " + id + " has no VM " + vmId);
        }
        return List.copyOf(lines.subList(Math.min(from, lines.size()), Math.min(lines.size(), from + max)));
    }

    /** Test hook: changes the items of one VM (all its payloads). */
    public synchronized void update(String id, String vmId, UnaryOperator<VmDelivery> change) {
        Deployment d = deployments.get(id);
        deployments.put(id, withItems(d, d.items().stream().map(i -> i.vmId().equals(vmId) ? change.apply(i) : i).toList()));
    }

    /** Test hook: one VM's item at {@code state} with this progress, message and exit code. */
    public void progress(String id, String vmId, VmDeliveryState state, int progress, String message, Integer exitCode) {
        update(id, vmId, i -> new VmDelivery(i.vmId(), i.vmName(), i.host(), i.payload(),
                state.isOutcome() ? VmDeliveryState.CLEANED : state, state.isOutcome() ? state : null, "cdrom", progress,
                message, exitCode, Math.max(1, i.attempts()), Instant.now()));
        log(id, vmId, state + " " + progress + "% " + message);
    }

    /** Test hook: appends a line to one VM's log. */
    public synchronized void log(String id, String vmId, String line) {
        logs.computeIfAbsent(id + " " + vmId, k -> new ArrayList<>()).add(line);
    }

    private Deployment active(String id) throws DeliveryException {
        Deployment d = require(id);
        if (d.state() == DeploymentState.COMPLETED || d.state() == DeploymentState.CANCELLED) {
            throw new DeliveryException(Reason.CONFLICT, "deployment " + id + " is " + d.state());
        }
        return d;
    }

    private Deployment require(String id) throws DeliveryException {
        Deployment d = deployments.get(id);
        if (d == null) {
            throw new DeliveryException(Reason.NOT_FOUND, "no deployment " + id);
        }
        return d;
    }

    private static VmDelivery cancelled(VmDelivery i) {
        return new VmDelivery(i.vmId(), i.vmName(), i.host(), i.payload(), VmDeliveryState.CLEANED,
                VmDeliveryState.CANCELLED, i.method(), i.progress(), "cancelled", i.exitCode(), i.attempts(), Instant.now());
    }

    private static Deployment state(Deployment d, DeploymentState state, String reason) {
        return new Deployment(d.id(), d.name(), d.payloads(), d.options(), d.createdBy(), d.created(), state, reason,
                d.summary(), d.items());
    }

    private static Deployment withItems(Deployment d, List<VmDelivery> items) {
        int pending = 0, running = 0, succeeded = 0, failed = 0, cancelled = 0;
        for (VmDelivery i : items) {
            if (i.isDone()) {
                switch (i.outcome()) {
                    case SUCCEEDED -> succeeded++;
                    case FAILED, TIMED_OUT -> failed++;
                    default -> cancelled++;
                }
            } else if (i.state() == VmDeliveryState.PENDING) {
                pending++;
            } else {
                running++;
            }
        }
        DeploymentState state = d.state();
        if (state == DeploymentState.RUNNING && items.stream().allMatch(VmDelivery::isDone)) {
            state = DeploymentState.COMPLETED;
        }
        return new Deployment(d.id(), d.name(), d.payloads(), d.options(), d.createdBy(), d.created(), state,
                d.stateReason(), new RolloutSummary(items.size(), pending, running, succeeded, failed, cancelled), items);
    }
}
