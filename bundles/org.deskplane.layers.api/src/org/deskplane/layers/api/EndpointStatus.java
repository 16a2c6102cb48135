package org.deskplane.layers.api;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What an endpoint reports about its sync: per layer the version it has applied, the version waiting in staging for
 * the next restart (0: none), the conflict copies it made, and the last error.
 */
public record EndpointStatus(String endpointId, Map<Layer, Long> applied, long staged, long pendingProfile,
        List<String> conflicts, Instant reported, String lastError) {

    public EndpointStatus {
        applied = Map.copyOf(applied);
        conflicts = List.copyOf(conflicts);
        lastError = lastError == null ? "" : lastError;
    }
}
