package org.deskplane.inventory.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.deskplane.inventory.internal.InventoryDtos.DeviceView;
import org.deskplane.inventory.internal.InventoryDtos.DiskView;
import org.deskplane.inventory.internal.InventoryDtos.HostView;
import org.deskplane.inventory.internal.InventoryDtos.VmView;
import org.deskplane.model.Disk;
import org.deskplane.model.Host;
import org.deskplane.model.VirtualMachine;

/** Maps model objects to the records the API answers with. */
final class InventoryViews {

    private InventoryViews() {
    }

    static HostView host(Host host) {
        return new HostView(host.getName(), host.getUri(), host.getState().getName(), host.getHypervisor(),
                host.getCpuCount(), host.getMemoryMiB(),
                host.getVirtualMachines().stream().map(VirtualMachine::getId).toList());
    }

    static VmView vm(VirtualMachine vm) {
        Map<String, String> metadata = new LinkedHashMap<>();
        vm.getMetadata().forEach(entry -> metadata.put(entry.getKey(), entry.getValue()));
        List<DiskView> disks = vm.getDisks().stream().map(InventoryViews::disk).toList();
        List<DeviceView> devices = vm.getDevices().stream()
                .map(d -> new DeviceView(d.getKind().getName(), d.getTarget(), d.getSource())).toList();
        return new VmView(vm.getId(), vm.getName(), vm.getState().getName(), vm.getVcpus(), vm.getMemoryMiB(),
                vm.getHost() == null ? null : vm.getHost().getName(), disks, devices, List.copyOf(vm.getTags()),
                metadata);
    }

    private static DiskView disk(Disk disk) {
        return new DiskView(disk.getPath(), disk.getFormat().getLiteral(), disk.getCapacityBytes(), disk.getTarget(),
                disk.isReadOnly(), disk.getBackingDisk() == null ? null : disk.getBackingDisk().getPath());
    }

}
