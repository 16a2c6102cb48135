package org.deskplane.layers.client;

import java.io.IOException;

import org.deskplane.layers.api.EndpointStatus;
import org.deskplane.layers.api.MasterState;

/**
 * The endpoint side of layer synchronization, as a service of the agent: what other agent parts (and tests) use to
 * see the sync state and to tell the client about the user.
 */
public interface LayerSyncClient {

    /** The status last reported to the server. */
    EndpointStatus status();

    /** The master state last received. */
    MasterState master();

    /** Runs a sync round now instead of waiting for a change or the next period. */
    void syncNow();

    /** The user is active on this endpoint (keyboard, mouse, log-on): the master role may follow. */
    void userActive();

    /** The user logs on: pending profile changes are applied now. Returns how many files changed. */
    int logOn() throws IOException;

    /**
     * The user opens a file of the user files (a path relative to the endpoint's root). In cache mode a file left
     * behind as a stub is fetched first.
     *
     * @return the local file, complete
     */
    java.nio.file.Path open(String endpointPath) throws IOException;
}
