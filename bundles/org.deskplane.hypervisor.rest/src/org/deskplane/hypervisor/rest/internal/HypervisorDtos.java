package org.deskplane.hypervisor.rest.internal;

import java.time.Instant;

/** Request and response bodies of the hypervisor routes. */
final class HypervisorDtos {

    private HypervisorDtos() {
    }

    record Connection(String id, String uri, String state, Instant since, String lastError, String hostName,
            String hypervisor) {
    }

    record DefineRequest(String xml) {
    }

    record SnapshotRequest(String name, String description) {
    }

    record MediaRequest(String path) {
    }

    record DiskRequest(String path, String format, String target, String bus, boolean readOnly) {
    }
}
