package org.deskplane.hypervisor.libvirt.internal;

import org.deskplane.hypervisor.api.VmId;
import org.deskplane.hypervisor.api.VmInfo;
import org.deskplane.hypervisor.api.VmState;

/**
 * A VM as its domain XML describes it before libvirt knows it (a transient VM about to be created, a saved state
 * about to be restored): what {@link org.deskplane.hypervisor.api.VmStartHook}s are shown, since there is no domain
 * to read yet.
 */
final class PlannedVm {

    private PlannedVm() {
    }

    static VmInfo of(String connectionId, String uuid, DomainXml xml, boolean persistent) {
        return new VmInfo(new VmId(connectionId, uuid), xml.name(), VmState.SHUTOFF, persistent, false, xml.vcpus(),
                xml.memoryKiB(), xml.disks(), xml.channels(), xml.metadata());
    }
}
