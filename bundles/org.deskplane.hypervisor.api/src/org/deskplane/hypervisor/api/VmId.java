package org.deskplane.hypervisor.api;

import java.util.Objects;

/**
 * Identity of a virtual machine: the connection it lives on and its UUID. UUIDs are unique per host only,
 * so the connection is part of the identity.
 */
public record VmId(String connectionId, String uuid) {

    public VmId {
        Objects.requireNonNull(connectionId, "connectionId");
        Objects.requireNonNull(uuid, "uuid");
    }

    /** {@code connection/uuid}. */
    @Override
    public String toString() {
        return connectionId + "/" + uuid;
    }
}
