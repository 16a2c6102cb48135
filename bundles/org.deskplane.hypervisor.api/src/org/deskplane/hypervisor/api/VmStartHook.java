package org.deskplane.hypervisor.api;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Whiteboard service that providers call before they start a VM, on the starting thread, after they have found the
 * VM and before its domain starts. A hook prepares what the VM needs on the host (e.g. extension modules registered
 * for it) and may refuse the start by throwing {@link VmStartVetoedException}: the start then fails with that
 * exception and the VM stays off. Hooks run in service ranking order; they must bound the time they take. A VM
 * started outside Deskplane (e.g. with virsh) is only seen afterwards, as a {@code STARTED} event.
 *
 * @since 1.4
 */
@ConsumerType
public interface VmStartHook {

    /**
     * @param connectionId the connection the VM is on
     * @param vm           the VM as it is just before the start
     */
    void beforeStart(String connectionId, VmInfo vm) throws VmStartVetoedException;
}
