package org.deskplane.hypervisor.libvirt.internal;

import java.util.ArrayList;
import java.util.List;

import org.deskplane.hypervisor.api.VmInfo;
import org.deskplane.hypervisor.libvirt.internal.HostSnapshot.PoolInfo;
import org.deskplane.hypervisor.libvirt.internal.HostSnapshot.VolumeInfo;
import org.libvirt.Connect;
import org.libvirt.Domain;
import org.libvirt.LibvirtException;
import org.libvirt.NodeInfo;
import org.libvirt.StoragePool;
import org.libvirt.StoragePoolInfo;
import org.libvirt.StorageVol;
import org.libvirt.StorageVolInfo;
import org.w3c.dom.Element;

/** Reads a whole host (node info, all domains, storage pools and volumes) in one pass. */
final class HostReader {

    private HostReader() {
    }

    static HostSnapshot read(String connectionId, String uri, Connect connect) throws LibvirtException {
        NodeInfo node = connect.nodeInfo();
        List<VmInfo> vms = new ArrayList<>();
        for (int id : connect.listDomains()) {
            Domain domain = lookupById(connect, id);
            if (domain != null) {
                vms.add(DomainReader.read(connectionId, domain));
            }
        }
        for (String name : connect.listDefinedDomains()) {
            Domain domain = lookupByName(connect, name);
            if (domain != null) {
                vms.add(DomainReader.read(connectionId, domain));
            }
        }
        List<PoolInfo> pools = new ArrayList<>();
        for (String name : connect.listStoragePools()) {
            pools.add(pool(connect.storagePoolLookupByName(name)));
        }
        return new HostSnapshot(connectionId, uri, connect.getHostName(), connect.getType(), node.cpus, node.memory,
                vms, pools);
    }

    /** A domain that went away between listing and lookup is skipped, not an error. */
    private static Domain lookupById(Connect connect, int id) throws LibvirtException {
        try {
            return connect.domainLookupByID(id);
        } catch (LibvirtException e) {
            if (LibvirtErrors.isConnectionLoss(e)) {
                throw e;
            }
            return null;
        }
    }

    private static Domain lookupByName(Connect connect, String name) throws LibvirtException {
        try {
            return connect.domainLookupByName(name);
        } catch (LibvirtException e) {
            if (LibvirtErrors.isConnectionLoss(e)) {
                throw e;
            }
            return null;
        }
    }

    private static PoolInfo pool(StoragePool pool) throws LibvirtException {
        StoragePoolInfo info = pool.getInfo();
        Element target = DomainXml.child(SafeXml.parse(pool.getXMLDesc(0)).getDocumentElement(), "target");
        Element path = DomainXml.child(target, "path");
        List<VolumeInfo> volumes = new ArrayList<>();
        for (String name : pool.listVolumes()) {
            StorageVol volume = pool.storageVolLookupByName(name);
            StorageVolInfo volumeInfo = volume.getInfo();
            Element volumeTarget = DomainXml.child(SafeXml.parse(volume.getXMLDesc(0)).getDocumentElement(), "target");
            volumes.add(new VolumeInfo(name, volume.getPath(), DomainXml.attr(DomainXml.child(volumeTarget, "format"),
                    "type"), volumeInfo.capacity, volumeInfo.allocation));
        }
        return new PoolInfo(pool.getName(), path == null ? null : path.getTextContent().trim(), info.capacity,
                info.available, volumes);
    }
}
