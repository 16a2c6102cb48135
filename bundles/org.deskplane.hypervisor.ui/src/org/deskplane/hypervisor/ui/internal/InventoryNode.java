package org.deskplane.hypervisor.ui.internal;

import java.util.List;

import org.deskplane.hypervisor.api.ConnectionStatus;
import org.deskplane.hypervisor.api.DiskInfo;
import org.deskplane.hypervisor.api.VmId;
import org.deskplane.hypervisor.api.VmInfo;

/** A row of the inventory tree. {@link #key()} identifies it across refreshes (to keep selection). */
sealed interface InventoryNode {

    String key();

    /** The VM a row belongs to (itself or its parent), or null for a host. */
    VmInfo vm();

    /**
     * A hypervisor connection.
     *
     * @param readError why its VMs could not be read this time, null when they could
     */
    record Host(String connectionId, String uri, ConnectionStatus status, List<Vm> vms, String readError)
            implements InventoryNode {

        @Override
        public String key() {
            return "host:" + connectionId;
        }

        @Override
        public VmInfo vm() {
            return null;
        }
    }

    record Vm(VmInfo info, List<Device> devices) implements InventoryNode {

        static Vm of(VmInfo info) {
            List<Device> devices = new java.util.ArrayList<>();
            for (DiskInfo disk : info.disks()) {
                devices.add(new Device(info, disk.isCdrom() ? Device.Kind.CDROM : Device.Kind.DISK, disk.target(),
                        disk.isCdrom() ? DeviceTexts.media(disk) : DeviceTexts.disk(disk)));
            }
            info.channels().forEach(channel -> devices.add(new Device(info, Device.Kind.CHANNEL, channel.name(),
                    DeviceTexts.channel(channel))));
            return new Vm(info, List.copyOf(devices));
        }

        VmId id() {
            return info.id();
        }

        @Override
        public String key() {
            return "vm:" + info.id();
        }

        @Override
        public VmInfo vm() {
            return info;
        }
    }

    /** A disk, CD-ROM drive or channel of a VM; {@code name} is the guest target (vda, hdc) or port name. */
    record Device(VmInfo vm, Kind kind, String name, String detail) implements InventoryNode {

        enum Kind {
            DISK, CDROM, CHANNEL
        }

        @Override
        public String key() {
            return "device:" + vm.id() + "/" + kind + "/" + name;
        }
    }
}
