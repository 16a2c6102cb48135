package org.deskplane.layers.spi;

import java.nio.file.Path;
import java.util.Set;

import org.deskplane.layers.api.Layer;

/** What a shim works on. Paths are on the endpoint. */
public interface ShimContext {

    /** The live tree of the endpoint (its root). */
    Path root();

    /** The staged tree about to be pivoted in (PRE_PIVOT and POST_PIVOT); the root otherwise. */
    Path staging();

    /** The layers being uploaded or pivoted. */
    Set<Layer> layers();

    String endpointId();

    /** Whether this endpoint's machine identity must be created (a clone that has not got one of its own yet). */
    boolean newIdentity();

    /** A line for the sync log (shown in the endpoint's status). */
    void log(String message);
}
