package org.deskplane.inventory.internal;

import java.util.List;
import java.util.Map;

/** What the inventory routes answer: plain records, so clients see a stable JSON shape, not EMF internals. */
public final class InventoryDtos {

    private InventoryDtos() {
    }

    public record HostView(String name, String uri, String state, String hypervisor, int cpuCount, long memoryMiB,
            List<String> virtualMachines) {
    }

    public record DiskView(String path, String format, long capacityBytes, String target, boolean readOnly,
            String backingPath) {
    }

    public record DeviceView(String kind, String target, String source) {
    }

    public record VmView(String id, String name, String state, int vcpus, long memoryMiB, String host,
            List<DiskView> disks, List<DeviceView> devices, List<String> tags, Map<String, String> metadata) {
    }

    /** The bundle that answered, read from the running framework. */
    public record Provider(String bundle, String version) {
    }

    public record Summary(int hosts, int vms, Provider provider) {
    }
}
