package org.deskplane.layers.api;

import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The server side of synchronization over a {@link CvdStore}: endpoints and their bindings, the master lease and
 * its fencing tokens, and what each endpoint last reported.
 */
@ProviderType
public interface SyncService {

    /** Binds an endpoint to its CVD (creating neither): the binding rules choose scope, drivers and path mappings. */
    Binding register(EndpointInfo endpoint) throws LayerException;

    Optional<Binding> binding(String endpointId);

    List<Binding> bindings(String cvdId);

    void unregister(String endpointId) throws LayerException;

    /** Records activity and advances the master role (with hysteresis); returns the state the endpoint acts on. */
    MasterState reportActivity(String cvdId, ActivityReport report) throws LayerException;

    MasterState master(String cvdId) throws LayerException;

    /** The candidate's snapshot is stored: the switch moves on to the old master's push. */
    MasterState snapshotTaken(String cvdId, String endpointId, long version) throws LayerException;

    /** The old master pushed what it had: the candidate becomes master with a new token. */
    MasterState handedOver(String cvdId, String endpointId, long token) throws LayerException;

    /** The new master has pulled the head: steady state. */
    MasterState pulled(String cvdId, String endpointId, long token) throws LayerException;

    /** An admin moves the role now (the switch steps still run). */
    MasterState assignMaster(String cvdId, String endpointId) throws LayerException;

    void reportStatus(EndpointStatus status) throws LayerException;

    Optional<EndpointStatus> status(String endpointId);
}
