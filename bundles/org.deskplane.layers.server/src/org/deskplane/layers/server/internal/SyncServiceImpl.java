package org.deskplane.layers.server.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.deskplane.layers.api.ActivityReport;
import org.deskplane.layers.api.Binding;
import org.deskplane.layers.api.Cvd;
import org.deskplane.layers.api.EndpointInfo;
import org.deskplane.layers.api.EndpointStatus;
import org.deskplane.layers.api.Layer;
import org.deskplane.layers.api.LayerException;
import org.deskplane.layers.api.MasterState;
import org.deskplane.layers.api.SyncService;

/**
 * The {@link SyncService} over its persisted {@link SyncState}. Every change is made to a copy of the state and
 * becomes visible only once the copy is on disk, so an answer (above all a new fencing token) is never given for a
 * state a crash could lose. Calls are serialized: they are short and rare (a few per endpoint per minute).
 */
class SyncServiceImpl implements SyncService {

    /** A change to a copy of the state; returns the answer. */
    @FunctionalInterface
    private interface Change<R> {
        R apply(SyncState next, Instant now) throws LayerException;
    }

    private final AtomicJsonFile<SyncState> file;
    private final Clock clock;
    private final CvdFacts facts;
    private final BindingRules rules;
    private final MasterSwitch masterSwitch;
    private final Map<String, EndpointActivity> activity = new ConcurrentHashMap<>();
    /** Input older than this ends an activity streak. */
    private final Duration idleGap;
    private SyncState state;
    /** What is on disk, so that a look that changed nothing (e.g. GET master) does not rewrite the file. */
    private byte[] written = new byte[0];

    SyncServiceImpl(Path dir, SyncSettings settings, Clock clock, CvdFacts facts) throws IOException {
        this.file = new AtomicJsonFile<>(dir.resolve("state.json"), SyncState.class);
        this.clock = clock;
        this.facts = facts;
        this.rules = new BindingRules(settings);
        this.masterSwitch = new MasterSwitch(settings);
        this.idleGap = settings.masterIdle();
        this.state = file.read().orElseGet(SyncState::new);
    }

    @Override
    public Binding register(EndpointInfo endpoint) throws LayerException {
        if (!Cvd.validId(endpoint.id())) {
            throw new LayerException("not a valid endpoint id: '" + endpoint.id() + "'");
        }
        facts.requireCvd(endpoint.cvdId());
        long cvdBytes = facts.headBytes(endpoint.cvdId());
        String owner = facts.owner(endpoint.cvdId());
        return change((next, now) -> {
            Binding old = next.bindings.get(endpoint.id());
            if (old != null && !old.cvdId().equals(endpoint.cvdId())) {
                throw new LayerException("endpoint " + endpoint.id() + " is bound to CVD " + old.cvdId()
                        + "; an endpoint belongs to one CVD only (unregister it first)");
            }
            ReferenceOs reference = next.references.get(endpoint.cvdId());
            if (reference == null) {
                reference = new ReferenceOs(endpoint.id(), BindingRules.normal(endpoint.osFamily()),
                        BindingRules.normal(endpoint.osRelease()), rules.isVirtualMachine(endpoint));
                next.references.put(endpoint.cvdId(), reference);
            }
            Binding binding = rules.bind(endpoint, reference, cvdBytes, owner);
            next.bindings.put(endpoint.id(), binding);
            return binding;
        });
    }

    @Override
    public synchronized Optional<Binding> binding(String endpointId) {
        return Optional.ofNullable(state.bindings.get(endpointId));
    }

    @Override
    public synchronized List<Binding> bindings(String cvdId) {
        return state.bindings.values().stream().filter(b -> cvdId == null || b.cvdId().equals(cvdId)).toList();
    }

    @Override
    public void unregister(String endpointId) throws LayerException {
        change((next, now) -> {
            Binding binding = next.bindings.remove(endpointId);
            if (binding == null) {
                throw new LayerException("no endpoint " + endpointId + " is bound");
            }
            next.statuses.remove(endpointId);
            MasterRecord record = next.masters.get(binding.cvdId());
            if (record != null) {
                masterSwitch.forget(record, endpointId, now);
            }
            // the reference OS stays: the CVD's system layers were still made on it
            return null;
        });
        activity.remove(endpointId);
    }

    /** The master uploads system layers: an endpoint whose scope has none (another OS family) never is one. */
    private static boolean mayBeMaster(Binding binding) {
        return binding != null && binding.layers().stream().anyMatch(Layer::isSystem);
    }

    @Override
    public MasterState reportActivity(String cvdId, ActivityReport report) throws LayerException {
        long floor = facts.highestToken(cvdId);
        return change((next, now) -> {
            requireBound(next, cvdId, report.endpointId());
            EndpointActivity own = activity.computeIfAbsent(report.endpointId(), id -> new EndpointActivity());
            own.record(report, now, idleGap);
            MasterRecord record = next.masters.computeIfAbsent(cvdId, MasterRecord::new);
            if (mayBeMaster(next.bindings.get(report.endpointId()))) {
                masterSwitch.onActivity(record, report.endpointId(), report, own, activity.get(record.master), now, floor);
            } else {
                masterSwitch.advance(record, now, floor); // a user-content-only endpoint never takes the role
            }
            return record.toState();
        });
    }

    @Override
    public MasterState master(String cvdId) throws LayerException {
        long floor = facts.highestToken(cvdId);
        return change((next, now) -> {
            MasterRecord record = next.masters.computeIfAbsent(cvdId, MasterRecord::new);
            masterSwitch.advance(record, now, floor);
            return record.toState();
        });
    }

    @Override
    public MasterState snapshotTaken(String cvdId, String endpointId, long version) throws LayerException {
        facts.requireVersionBy(cvdId, version, endpointId);
        long floor = facts.highestToken(cvdId);
        return change((next, now) -> {
            requireBound(next, cvdId, endpointId);
            MasterRecord record = next.masters.computeIfAbsent(cvdId, MasterRecord::new);
            masterSwitch.advance(record, now, floor);
            masterSwitch.snapshotTaken(record, endpointId, now, floor);
            return record.toState();
        });
    }

    @Override
    public MasterState handedOver(String cvdId, String endpointId, long token) throws LayerException {
        long floor = facts.highestToken(cvdId);
        return change((next, now) -> {
            MasterRecord record = next.masters.computeIfAbsent(cvdId, MasterRecord::new);
            masterSwitch.advance(record, now, floor);
            masterSwitch.handedOver(record, endpointId, token, now, floor);
            return record.toState();
        });
    }

    @Override
    public MasterState pulled(String cvdId, String endpointId, long token) throws LayerException {
        long floor = facts.highestToken(cvdId);
        return change((next, now) -> {
            MasterRecord record = next.masters.computeIfAbsent(cvdId, MasterRecord::new);
            masterSwitch.advance(record, now, floor);
            masterSwitch.pulled(record, endpointId, token, now);
            return record.toState();
        });
    }

    @Override
    public MasterState assignMaster(String cvdId, String endpointId) throws LayerException {
        long floor = facts.highestToken(cvdId);
        return change((next, now) -> {
            requireBound(next, cvdId, endpointId);
            if (!mayBeMaster(next.bindings.get(endpointId))) {
                throw new LayerException("endpoint " + endpointId + " syncs user content only ("
                        + next.bindings.get(endpointId).scope() + "): it cannot upload system layers, so it cannot be master");
            }
            MasterRecord record = next.masters.computeIfAbsent(cvdId, MasterRecord::new);
            masterSwitch.advance(record, now, floor);
            masterSwitch.assign(record, endpointId, now, floor);
            return record.toState();
        });
    }

    @Override
    public void reportStatus(EndpointStatus status) throws LayerException {
        change((next, now) -> {
            if (!next.bindings.containsKey(status.endpointId())) {
                throw new LayerException("no endpoint " + status.endpointId() + " is bound; register it first");
            }
            next.statuses.put(status.endpointId(), status);
            return null;
        });
    }

    @Override
    public synchronized Optional<EndpointStatus> status(String endpointId) {
        return Optional.ofNullable(state.statuses.get(endpointId));
    }

    private static void requireBound(SyncState state, String cvdId, String endpointId) throws LayerException {
        Binding binding = state.bindings.get(endpointId);
        if (binding == null || !binding.cvdId().equals(cvdId)) {
            throw new LayerException("endpoint " + endpointId + " is not bound to CVD " + cvdId);
        }
    }

    private synchronized <R> R change(Change<R> change) throws LayerException {
        try {
            SyncState next = file.copy(state);
            R answer = change.apply(next, clock.instant());
            byte[] bytes = file.bytes(next);
            if (!java.util.Arrays.equals(bytes, written)) {
                file.write(bytes);
                written = bytes;
            }
            state = next;
            return answer;
        } catch (IOException e) {
            throw new LayerException("the sync state cannot be saved: " + e.getMessage(), e);
        }
    }
}
