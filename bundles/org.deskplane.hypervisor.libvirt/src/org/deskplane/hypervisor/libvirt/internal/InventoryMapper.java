package org.deskplane.hypervisor.libvirt.internal;

import java.util.Locale;

import org.deskplane.hypervisor.api.ChannelInfo;
import org.deskplane.hypervisor.api.DiskInfo;
import org.deskplane.hypervisor.api.VmInfo;
import org.deskplane.hypervisor.libvirt.internal.HostSnapshot.PoolInfo;
import org.deskplane.hypervisor.libvirt.internal.HostSnapshot.VolumeInfo;
import org.deskplane.model.DeskplaneFactory;
import org.deskplane.model.Device;
import org.deskplane.model.DeviceKind;
import org.deskplane.model.Disk;
import org.deskplane.model.DiskFormat;
import org.deskplane.model.StoragePool;
import org.deskplane.model.StorageVolume;
import org.deskplane.model.VirtualMachine;
import org.deskplane.model.VmState;

/** Turns what was read from libvirt into EMF inventory objects. */
final class InventoryMapper {

    private static final DeskplaneFactory FACTORY = DeskplaneFactory.eINSTANCE;

    private InventoryMapper() {
    }

    static VirtualMachine vm(VmInfo info) {
        VirtualMachine vm = FACTORY.createVirtualMachine();
        vm.setId(info.id().uuid());
        vm.setName(info.name());
        vm.setState(state(info));
        vm.setVcpus(info.vcpus());
        vm.setMemoryMiB(info.memoryKiB() / 1024);
        for (DiskInfo disk : info.disks()) {
            if (disk.isCdrom()) {
                Device cdrom = FACTORY.createDevice();
                cdrom.setKind(DeviceKind.CDROM);
                cdrom.setTarget(disk.target());
                cdrom.setSource(disk.path() == null ? "" : disk.path());
                vm.getDevices().add(cdrom);
            } else {
                vm.getDisks().add(disk(disk));
            }
        }
        for (ChannelInfo channel : info.channels()) {
            Device device = FACTORY.createDevice();
            device.setKind(DeviceKind.CHANNEL);
            device.setTarget(channel.name());
            device.setSource(channel.path() == null ? channel.type() : channel.path());
            vm.getDevices().add(device);
        }
        vm.getMetadata().putAll(info.metadata());
        return vm;
    }

    static VmState state(VmInfo info) {
        return switch (info.state()) {
            case RUNNING, BLOCKED, SHUTTING_DOWN -> VmState.RUNNING;
            case PAUSED -> VmState.PAUSED;
            case PMSUSPENDED -> VmState.SUSPENDED;
            case CRASHED -> VmState.CRASHED;
            case SHUTOFF -> info.managedSaveImage() ? VmState.SUSPENDED : VmState.STOPPED;
            case UNKNOWN -> VmState.UNDEFINED;
        };
    }

    private static Disk disk(DiskInfo info) {
        Disk disk = FACTORY.createDisk();
        disk.setPath(info.path() == null ? "" : info.path());
        disk.setFormat(format(info.format()));
        disk.setTarget(info.target());
        disk.setReadOnly(info.readOnly());
        Disk above = disk;
        for (DiskInfo.BackingImage image : info.backingChain()) {
            Disk backing = FACTORY.createDisk();
            backing.setPath(image.path());
            backing.setFormat(format(image.format()));
            backing.setReadOnly(true);
            above.setBackingStore(backing);
            above = backing;
        }
        return disk;
    }

    static DiskFormat format(String libvirtFormat) {
        if (libvirtFormat == null) {
            return DiskFormat.RAW;
        }
        return switch (libvirtFormat.toLowerCase(Locale.ROOT)) {
            case "qcow2" -> DiskFormat.QCOW2;
            case "vmdk" -> DiskFormat.VMDK;
            case "vpc", "vhd", "vhdx" -> DiskFormat.VHD;
            case "iso" -> DiskFormat.ISO;
            default -> DiskFormat.RAW;
        };
    }

    static StoragePool pool(PoolInfo info) {
        StoragePool pool = FACTORY.createStoragePool();
        pool.setName(info.name());
        pool.setPath(info.path());
        pool.setCapacityBytes(info.capacityBytes());
        pool.setAvailableBytes(info.availableBytes());
        for (VolumeInfo volumeInfo : info.volumes()) {
            StorageVolume volume = FACTORY.createStorageVolume();
            volume.setName(volumeInfo.name());
            volume.setPath(volumeInfo.path());
            volume.setFormat(volumeInfo.format());
            volume.setCapacityBytes(volumeInfo.capacityBytes());
            volume.setAllocationBytes(volumeInfo.allocationBytes());
            pool.getVolumes().add(volume);
        }
        return pool;
    }
}
