package org.deskplane.hypervisor.api.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.deskplane.hypervisor.api.ChannelInfo;
import org.deskplane.hypervisor.api.ConnectionStatus;
import org.deskplane.hypervisor.api.ConnectionStatus.State;
import org.deskplane.hypervisor.api.DiskInfo;
import org.deskplane.hypervisor.api.DiskInfo.BackingImage;
import org.deskplane.hypervisor.api.DiskSpec;
import org.deskplane.hypervisor.api.VmId;
import org.deskplane.hypervisor.api.VmInfo;
import org.deskplane.hypervisor.api.VmState;
import org.junit.jupiter.api.Test;

/** Snapshots hold what they were given, and later changes to the caller's collections do not leak in. */
class RecordsTest {
    private static final VmId ID = new VmId("lab", "4dea22b3-1d52-d8f3-2516-782e98ab3fa0");

    @Test
    void diskInfoKeepsItsBackingChainNearestFirst() {
        List<BackingImage> chain = new ArrayList<>(List.of(new BackingImage("/var/lib/images/desk-01-overlay.qcow2", "qcow2"),
                new BackingImage("/var/lib/images/base.raw", "raw")));
        DiskInfo disk = new DiskInfo("vda", "disk", "virtio", "/var/lib/images/desk-01.qcow2", "qcow2", false, chain);
        chain.clear();
        assertEquals(2, disk.backingChain().size());
        assertEquals("/var/lib/images/desk-01-overlay.qcow2", disk.backingChain().get(0).path());
        assertEquals("qcow2", disk.backingChain().get(0).format());
        assertEquals("/var/lib/images/base.raw", disk.backingChain().get(1).path());
        assertEquals("raw", disk.backingChain().get(1).format());
        assertThrows(UnsupportedOperationException.class, () -> disk.backingChain().add(new BackingImage("x", "raw")));
        assertEquals("vda", disk.target());
        assertEquals("virtio", disk.bus());
        assertEquals("/var/lib/images/desk-01.qcow2", disk.path());
        assertEquals("qcow2", disk.format());
        assertFalse(disk.readOnly());
    }

    @Test
    void diskInfoWithoutBackingChainHasAnEmptyOne() {
        DiskInfo disk = new DiskInfo("vda", "disk", null, "/img/a.raw", "raw", false, null);
        assertEquals(List.of(), disk.backingChain());
    }

    @Test
    void onlyTheCdromDeviceIsACdrom() {
        DiskInfo emptyDrive = new DiskInfo("hdc", "cdrom", "sata", null, null, true, List.of());
        assertTrue(emptyDrive.isCdrom());
        assertNull(emptyDrive.path());
        assertTrue(emptyDrive.readOnly());
        assertFalse(new DiskInfo("vda", "disk", "virtio", "/img/a.raw", "raw", false, List.of()).isCdrom());
        assertFalse(new DiskInfo("fda", "floppy", "fdc", null, null, false, List.of()).isCdrom());
    }

    @Test
    void vmInfoHoldsWhatItIsGivenAndCopiesCollections() {
        List<DiskInfo> disks = new ArrayList<>(List.of(new DiskInfo("vda", "disk", "virtio", "/img/a.qcow2", "qcow2", false, List.of())));
        List<ChannelInfo> channels = new ArrayList<>(List.of(new ChannelInfo("unix", "org.deskplane.agent.0", "/run/desk-01.agent")));
        Map<String, String> metadata = new HashMap<>(Map.of("pool", "finance", "owner", "alice"));
        VmInfo vm = new VmInfo(ID, "desk-01", VmState.PAUSED, true, true, 2, 2_097_152L, disks, channels, metadata);
        disks.clear();
        channels.clear();
        metadata.clear();

        assertEquals(ID, vm.id());
        assertEquals("desk-01", vm.name());
        assertEquals(VmState.PAUSED, vm.state());
        assertTrue(vm.persistent());
        assertTrue(vm.managedSaveImage());
        assertEquals(2, vm.vcpus());
        assertEquals(2_097_152L, vm.memoryKiB());
        assertEquals("vda", vm.disks().get(0).target());
        assertEquals(new ChannelInfo("unix", "org.deskplane.agent.0", "/run/desk-01.agent"), vm.channels().get(0));
        assertEquals(Map.of("pool", "finance", "owner", "alice"), vm.metadata());
        assertThrows(UnsupportedOperationException.class, () -> vm.metadata().put("owner", "mallory"));
        assertThrows(UnsupportedOperationException.class, () -> vm.disks().clear());
    }

    @Test
    void vmInfoRefusesMissingCollections() {
        // a provider must say "none" with an empty collection, not leave it out
        assertThrows(NullPointerException.class,
                () -> new VmInfo(ID, "desk-01", VmState.SHUTOFF, true, false, 1, 1024, null, List.of(), Map.of()));
        assertThrows(NullPointerException.class,
                () -> new VmInfo(ID, "desk-01", VmState.SHUTOFF, true, false, 1, 1024, List.of(), List.of(), null));
    }

    @Test
    void connectionStatusHoldsWhatItIsGiven() {
        Instant since = Instant.parse("2030-01-01T12:00:00Z");
        ConnectionStatus down = new ConnectionStatus(State.DISCONNECTED, since, "Connection refused", "node1", "QEMU");
        assertEquals(State.DISCONNECTED, down.state());
        assertEquals(since, down.since());
        assertEquals("Connection refused", down.lastError());
        assertEquals("node1", down.hostName());
        assertEquals("QEMU", down.hypervisor());

        ConnectionStatus first = new ConnectionStatus(State.CONNECTING, since, null, null, null);
        assertNull(first.lastError());
        assertNull(first.hostName());
        assertNull(first.hypervisor());
        assertEquals(List.of(State.CONNECTING, State.CONNECTED, State.DISCONNECTED, State.CLOSED), List.of(State.values()));
    }

    @Test
    void diskSpecDefaultsToRawOnVirtio() {
        DiskSpec spec = new DiskSpec("/img/data.img", null, "vdb", null, false);
        assertEquals("raw", spec.format());
        assertEquals("virtio", spec.bus());
        DiskSpec given = new DiskSpec("/img/data.qcow2", "qcow2", "sdb", "scsi", true);
        assertEquals("qcow2", given.format());
        assertEquals("scsi", given.bus());
        assertTrue(given.readOnly());
    }

    @Test
    void diskSpecNeedsPathAndTarget() {
        assertEquals("path", assertThrows(NullPointerException.class, () -> new DiskSpec(null, "raw", "vdb", null, false)).getMessage());
        assertEquals("target", assertThrows(NullPointerException.class, () -> new DiskSpec("/img/a", "raw", null, null, false)).getMessage());
    }
}
