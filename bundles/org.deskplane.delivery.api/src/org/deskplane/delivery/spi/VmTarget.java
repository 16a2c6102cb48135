package org.deskplane.delivery.spi;

import java.util.Objects;

import org.deskplane.hypervisor.api.HypervisorConnection;
import org.deskplane.hypervisor.api.VmId;
import org.deskplane.hypervisor.api.VmInfo;

/**
 * A VM as the engine hands it to methods and processors: its identity, what the hypervisor said about it just now,
 * and the connection to act through.
 */
public record VmTarget(VmId id, VmInfo info, HypervisorConnection connection) {

    public VmTarget {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(info, "info");
        Objects.requireNonNull(connection, "connection");
    }

    public String uuid() {
        return id.uuid();
    }

    public String name() {
        return info.name();
    }
}
