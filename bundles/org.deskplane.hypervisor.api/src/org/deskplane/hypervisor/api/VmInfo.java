package org.deskplane.hypervisor.api;

import java.util.List;
import java.util.Map;

/**
 * What is known about a virtual machine at one moment.
 *
 * @param id               connection + UUID
 * @param name             the domain name
 * @param state            run state
 * @param persistent       defined (survives a stop) rather than transient
 * @param managedSaveImage a managed save image exists (the VM resumes from it on start)
 * @param vcpus            virtual CPUs
 * @param memoryKiB        current memory
 * @param disks            disks and removable-media drives
 * @param channels         guest↔host channels
 * @param metadata         Deskplane's key/value metadata stored with the domain
 */
public record VmInfo(VmId id, String name, VmState state, boolean persistent, boolean managedSaveImage, int vcpus,
        long memoryKiB, List<DiskInfo> disks, List<ChannelInfo> channels, Map<String, String> metadata) {

    public VmInfo {
        disks = List.copyOf(disks);
        channels = List.copyOf(channels);
        metadata = Map.copyOf(metadata);
    }
}
