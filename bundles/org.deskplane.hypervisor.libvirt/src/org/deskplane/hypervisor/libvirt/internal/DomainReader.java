package org.deskplane.hypervisor.libvirt.internal;

import java.util.Map;

import org.deskplane.hypervisor.api.VmId;
import org.deskplane.hypervisor.api.VmInfo;
import org.deskplane.hypervisor.api.VmState;
import org.libvirt.Domain;
import org.libvirt.DomainInfo;
import org.libvirt.DomainInfo.DomainState;
import org.libvirt.LibvirtException;

/** Reads one libvirt domain into a {@link VmInfo}. */
final class DomainReader {

    /** virDomainXMLFlags: the persistent definition rather than the live one. */
    static final int XML_INACTIVE = 2;

    private DomainReader() {
    }

    static VmInfo read(String connectionId, Domain domain) throws LibvirtException {
        DomainInfo info = domain.getInfo();
        boolean persistent = domain.isPersistent() == 1;
        boolean active = domain.isActive() == 1;
        DomainXml live = DomainXml.parse(domain.getXMLDesc(0));
        // Deskplane's metadata is written to the persistent definition, which a running domain's live XML
        // does not show until its next start
        Map<String, String> metadata = persistent && active
                ? DomainXml.parse(domain.getXMLDesc(XML_INACTIVE)).metadata()
                : live.metadata();
        boolean saved = !active && persistent && hasManagedSave(domain);
        return new VmInfo(new VmId(connectionId, domain.getUUIDString()), domain.getName(), state(info.state),
                persistent, saved, info.nrVirtCpu, info.memory, live.disks(), live.channels(), metadata);
    }

    private static boolean hasManagedSave(Domain domain) {
        try {
            return domain.hasManagedSaveImage() == 1;
        } catch (LibvirtException e) {
            return false; // drivers without managed save simply have none
        }
    }

    static VmState state(DomainState state) {
        if (state == null) {
            return VmState.UNKNOWN;
        }
        return switch (state) {
            case VIR_DOMAIN_RUNNING -> VmState.RUNNING;
            case VIR_DOMAIN_BLOCKED -> VmState.BLOCKED;
            case VIR_DOMAIN_PAUSED -> VmState.PAUSED;
            case VIR_DOMAIN_SHUTDOWN -> VmState.SHUTTING_DOWN;
            case VIR_DOMAIN_SHUTOFF -> VmState.SHUTOFF;
            case VIR_DOMAIN_CRASHED -> VmState.CRASHED;
            default -> VmState.UNKNOWN;
        };
    }
}
