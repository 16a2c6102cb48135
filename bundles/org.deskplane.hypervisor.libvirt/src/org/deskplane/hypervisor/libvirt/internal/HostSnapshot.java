package org.deskplane.hypervisor.libvirt.internal;

import java.util.List;

import org.deskplane.hypervisor.api.VmInfo;

/** Everything read from one host in one refresh: the host itself, its VMs and its storage. */
record HostSnapshot(String connectionId, String uri, String hostName, String hypervisor, int cpus, long memoryKiB,
        List<VmInfo> vms, List<PoolInfo> pools) {

    record PoolInfo(String name, String path, long capacityBytes, long availableBytes, List<VolumeInfo> volumes) {
    }

    record VolumeInfo(String name, String path, String format, long capacityBytes, long allocationBytes) {
    }
}
