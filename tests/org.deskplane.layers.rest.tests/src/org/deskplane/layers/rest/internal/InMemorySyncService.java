package org.deskplane.layers.rest.internal;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.deskplane.layers.api.ActivityReport;
import org.deskplane.layers.api.Binding;
import org.deskplane.layers.api.EndpointInfo;
import org.deskplane.layers.api.EndpointStatus;
import org.deskplane.layers.api.FencedException;
import org.deskplane.layers.api.LayerException;
import org.deskplane.layers.api.MasterState;
import org.deskplane.layers.api.MasterState.Phase;
import org.deskplane.layers.api.Scope;
import org.deskplane.layers.api.SyncService;

/**
 * A SyncService a test steers: the scope of each endpoint is chosen by its OS family (linux FULL, "rebase" REBASE,
 * anything else USER_ONLY), the master state is set by the test, the switch steps check tokens and record calls.
 */
final class InMemorySyncService implements SyncService {

    final Map<String, Binding> bindings = new LinkedHashMap<>();
    final Map<String, MasterState> masters = new LinkedHashMap<>();
    final Map<String, EndpointStatus> statuses = new LinkedHashMap<>();
    final List<String> calls = new java.util.ArrayList<>();

    void master(String cvdId, String endpoint, long token, Phase phase, String candidate) {
        masters.put(cvdId, new MasterState(cvdId, endpoint, token, Instant.now().plusSeconds(60), phase, candidate));
    }

    @Override
    public synchronized Binding register(EndpointInfo endpoint) throws LayerException {
        Binding old = bindings.get(endpoint.id());
        if (old != null && !old.cvdId().equals(endpoint.cvdId())) {
            throw new LayerException("bound to " + old.cvdId());
        }
        Scope scope = switch (endpoint.osFamily()) {
            case "linux" -> Scope.FULL;
            case "rebase" -> Scope.REBASE;
            default -> Scope.USER_ONLY;
        };
        Binding binding = new Binding(endpoint.id(), endpoint.cvdId(), scope, scope == Scope.FULL ? "drivers/test" : "",
                List.of(), false, "test-" + scope);
        bindings.put(endpoint.id(), binding);
        return binding;
    }

    @Override
    public synchronized Optional<Binding> binding(String endpointId) {
        return Optional.ofNullable(bindings.get(endpointId));
    }

    @Override
    public synchronized List<Binding> bindings(String cvdId) {
        return bindings.values().stream().filter(b -> b.cvdId().equals(cvdId)).toList();
    }

    @Override
    public synchronized void unregister(String endpointId) throws LayerException {
        if (bindings.remove(endpointId) == null) {
            throw new LayerException("no endpoint " + endpointId);
        }
    }

    @Override
    public synchronized MasterState reportActivity(String cvdId, ActivityReport report) {
        calls.add("activity " + report.endpointId() + " " + report.activeSeconds());
        return master(cvdId);
    }

    @Override
    public synchronized MasterState master(String cvdId) {
        return masters.computeIfAbsent(cvdId, id -> new MasterState(id, "", 0, Instant.EPOCH, Phase.STEADY, ""));
    }

    @Override
    public synchronized MasterState snapshotTaken(String cvdId, String endpointId, long version) throws LayerException {
        MasterState m = master(cvdId);
        if (m.phase() != Phase.CANDIDATE_SNAPSHOTS || !m.candidate().equals(endpointId)) {
            throw new LayerException("no snapshot expected from " + endpointId);
        }
        calls.add("snapshot " + endpointId + " " + version);
        master(cvdId, m.master(), m.token(), Phase.OLD_MASTER_PUSHES, m.candidate());
        return master(cvdId);
    }

    @Override
    public synchronized MasterState handedOver(String cvdId, String endpointId, long token) throws LayerException {
        MasterState m = master(cvdId);
        if (!m.master().equals(endpointId) || m.token() != token) {
            throw new FencedException("stale " + endpointId + " " + token);
        }
        master(cvdId, m.candidate(), m.token() + 1, Phase.NEW_MASTER_PULLS, "");
        return master(cvdId);
    }

    @Override
    public synchronized MasterState pulled(String cvdId, String endpointId, long token) throws LayerException {
        MasterState m = master(cvdId);
        if (!m.master().equals(endpointId) || m.token() != token) {
            throw new FencedException("stale " + endpointId + " " + token);
        }
        master(cvdId, m.master(), m.token(), Phase.STEADY, "");
        return master(cvdId);
    }

    @Override
    public synchronized MasterState assignMaster(String cvdId, String endpointId) {
        MasterState m = master(cvdId);
        master(cvdId, m.master(), m.token(), Phase.CANDIDATE_SNAPSHOTS, endpointId);
        return master(cvdId);
    }

    @Override
    public synchronized void reportStatus(EndpointStatus status) {
        statuses.put(status.endpointId(), status);
    }

    @Override
    public synchronized Optional<EndpointStatus> status(String endpointId) {
        return Optional.ofNullable(statuses.get(endpointId));
    }
}
