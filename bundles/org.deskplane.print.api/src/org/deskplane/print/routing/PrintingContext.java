package org.deskplane.print.routing;

import java.util.Objects;

/**
 * Where a print request comes from, as the host knows it (never as the guest claims it): the VM (hypervisor
 * connection id and UUID, its name and pool) and the user the VM belongs to (its Deskplane {@code owner} metadata,
 * or the user the guest agent's session reports and the host checked).
 *
 * @param connectionId the hypervisor connection of the VM
 * @param vmUuid       the VM's UUID (lower case)
 * @param vmName       the VM's name, for people
 * @param pool         the VM's pool (its {@code pool} metadata), or "" when it has none
 * @param user         the Deskplane user printing
 */
public record PrintingContext(String connectionId, String vmUuid, String vmName, String pool, String user) {
    public PrintingContext {
        Objects.requireNonNull(connectionId, "connectionId");
        Objects.requireNonNull(vmUuid, "vmUuid");
        vmName = vmName == null ? "" : vmName;
        pool = pool == null ? "" : pool;
        Objects.requireNonNull(user, "user");
    }

    /** The VM as {@code <connection>:<uuid>}, as used in events and REST paths. */
    public String vmKey() {
        return connectionId + ":" + vmUuid;
    }
}
