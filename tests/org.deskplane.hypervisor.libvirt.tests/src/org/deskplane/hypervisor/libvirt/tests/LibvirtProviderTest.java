package org.deskplane.hypervisor.libvirt.tests;

import static org.deskplane.hypervisor.libvirt.tests.LibvirtFixture.DESK_01;
import static org.deskplane.hypervisor.libvirt.tests.LibvirtFixture.DESK_02;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.deskplane.hypervisor.api.ConnectionStatus;
import org.deskplane.hypervisor.api.DiskSpec;
import org.deskplane.hypervisor.api.HypervisorConnection;
import org.deskplane.hypervisor.api.HypervisorEvents;
import org.deskplane.hypervisor.api.HypervisorException;
import org.deskplane.hypervisor.api.NotSupportedException;
import org.deskplane.hypervisor.api.VmInfo;
import org.deskplane.hypervisor.api.VmState;
import org.deskplane.model.Device;
import org.deskplane.model.DeviceKind;
import org.deskplane.model.Disk;
import org.deskplane.model.DiskFormat;
import org.deskplane.model.Host;
import org.deskplane.model.HostState;
import org.deskplane.model.Inventory;
import org.deskplane.model.StoragePool;
import org.deskplane.model.VirtualMachine;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.osgi.service.cm.Configuration;
import org.osgi.service.event.Event;

/** The libvirt provider in a real framework against libvirt's test:/// driver. */
class LibvirtProviderTest {

    private static final String ID = "lab";
    private static Configuration configuration;
    private static HypervisorConnection lab;

    @BeforeAll
    static void connect() throws Exception {
        Path node = LibvirtFixture.writeNode(ID, LibvirtFixture.testDir().resolve("images"));
        configuration = LibvirtFixture.configure(ID, "test://" + node, 200);
        lab = LibvirtFixture.connected(ID);
    }

    @AfterAll
    static void disconnect() throws Exception {
        configuration.delete();
    }

    private static VirtualMachine vm(Inventory inventory, String uuid) {
        return inventory.getVirtualMachines().stream().filter(vm -> uuid.equals(vm.getId())).findFirst().orElse(null);
    }

    @Test
    void inventoryHoldsHostVmsDevicesPoolsAndVolumes() throws Exception {
        Inventory inventory = LibvirtFixture.inventoryWhere("both lab VMs",
                inv -> LibvirtFixture.names(inv, ID).equals(List.of("desk-01", "desk-02")));
        Host host = inventory.getHosts().stream().filter(h -> ID.equals(h.getName())).findFirst().orElseThrow();
        assertEquals(HostState.CONNECTED, host.getState());
        assertEquals("TEST", host.getHypervisor());
        assertEquals(16, host.getCpuCount());
        assertTrue(host.getUri().startsWith("test:///"));

        VirtualMachine desk = vm(inventory, DESK_01);
        assertEquals(org.deskplane.model.VmState.RUNNING, desk.getState());
        assertEquals(2, desk.getVcpus());
        assertEquals(2048, desk.getMemoryMiB());
        Disk disk = desk.getDisks().get(0);
        assertEquals("vda", disk.getTarget());
        assertEquals(DiskFormat.QCOW2, disk.getFormat());
        assertTrue(disk.getPath().endsWith("desk-01.qcow2"));
        assertNotNull(disk.getBackingStore(), "backing chain missing");
        assertTrue(disk.getBackingStore().getPath().endsWith("base.qcow2"));
        Device cdrom = desk.getDevices().stream().filter(d -> d.getKind() == DeviceKind.CDROM).findFirst().orElseThrow();
        assertEquals("hdc", cdrom.getTarget());
        assertTrue(cdrom.getSource().endsWith("tools.iso"));
        Device channel = desk.getDevices().stream().filter(d -> d.getKind() == DeviceKind.CHANNEL).findFirst()
                .orElseThrow();
        assertEquals("org.deskplane.agent.0", channel.getTarget());
        assertEquals("win11", desk.getMetadata().get("template"));

        StoragePool pool = inventory.getPools().stream().filter(p -> p.getHost() == host).findFirst().orElseThrow();
        assertEquals("images", pool.getName());
        assertEquals("base.qcow2", pool.getVolumes().get(0).getName());
        assertEquals("qcow2", pool.getVolumes().get(0).getFormat());
        assertEquals(20L << 30, pool.getVolumes().get(0).getCapacityBytes());
    }

    @Test
    void lifecycleOperationsChangeStateInLibvirtAndInventory() throws Exception {
        lab.suspend(DESK_02);
        assertEquals(VmState.PAUSED, lab.vm(DESK_02).state());
        LibvirtFixture.inventoryWhere("desk-02 paused",
                inv -> vm(inv, DESK_02).getState() == org.deskplane.model.VmState.PAUSED);
        lab.resume(DESK_02);
        lab.destroy(DESK_02);
        assertEquals(VmState.SHUTOFF, lab.vm(DESK_02).state());
        LibvirtFixture.inventoryWhere("desk-02 stopped",
                inv -> vm(inv, DESK_02).getState() == org.deskplane.model.VmState.STOPPED);
        lab.start(DESK_02);
        assertEquals(VmState.RUNNING, lab.vm(DESK_02).state());
        lab.managedSave(DESK_02);
        VmInfo saved = lab.vm(DESK_02);
        assertEquals(VmState.SHUTOFF, saved.state());
        assertTrue(saved.managedSaveImage());
        LibvirtFixture.inventoryWhere("desk-02 suspended to disk",
                inv -> vm(inv, DESK_02).getState() == org.deskplane.model.VmState.SUSPENDED);
        lab.start(DESK_02);
        assertEquals(VmState.RUNNING, lab.vm(DESK_02).state());
    }

    @Test
    void lifecycleEventsFromLibvirtArriveOnEventAdmin() throws Exception {
        try (LibvirtFixture.Events events = new LibvirtFixture.Events()) {
            lab.suspend(DESK_01);
            Event suspended = events.await("org/deskplane/hypervisor/vm/SUSPENDED", DESK_01);
            assertEquals(ID, suspended.getProperty(HypervisorEvents.PROPERTY_CONNECTION));
            assertEquals("desk-01", suspended.getProperty(HypervisorEvents.PROPERTY_NAME));
            assertEquals("PAUSED", suspended.getProperty(HypervisorEvents.PROPERTY_STATE));
            lab.resume(DESK_01);
            Event resumed = events.await("org/deskplane/hypervisor/vm/RESUMED", DESK_01);
            assertEquals("RUNNING", resumed.getProperty(HypervisorEvents.PROPERTY_STATE));
        }
    }

    @Test
    void operationsTheTestDriverRefusesAreNotSupported() {
        NotSupportedException media = assertThrows(NotSupportedException.class,
                () -> lab.insertMedia(DESK_01, "hdc", "/tmp/other.iso"));
        assertEquals(HypervisorException.Kind.NOT_SUPPORTED, media.kind());
        assertTrue(media.getMessage().contains("not supported by this hypervisor"), media.getMessage());
        assertEquals("insertMedia", media.operation());
        assertThrows(NotSupportedException.class, () -> lab.ejectMedia(DESK_01, "hdc"));
        assertThrows(NotSupportedException.class,
                () -> lab.attachDisk(DESK_01, new DiskSpec("/tmp/extra.img", "raw", "vdb", null, false)));
        NotSupportedException agent = assertThrows(NotSupportedException.class,
                () -> lab.guestAgentCommand(DESK_01, "{\"execute\":\"guest-ping\"}", java.time.Duration.ofSeconds(2)));
        assertEquals("guestAgentCommand", agent.operation());
    }

    @Test
    void unknownVmAndBadInputAreClearErrors() {
        HypervisorException missing = assertThrows(HypervisorException.class,
                () -> lab.start("99999999-0000-4000-8000-000000000000"));
        assertEquals(HypervisorException.Kind.NOT_FOUND, missing.kind());
        HypervisorException bad = assertThrows(HypervisorException.class, () -> lab.define("<domain><oops"));
        assertEquals(HypervisorException.Kind.INVALID, bad.kind());
        HypervisorException entity = assertThrows(HypervisorException.class, () -> lab.define(
                "<!DOCTYPE d [<!ENTITY x SYSTEM 'file:///etc/passwd'>]><domain type='test'><name>&x;</name></domain>"));
        assertEquals(HypervisorException.Kind.INVALID, entity.kind());
        assertThrows(HypervisorException.class, () -> lab.setMetadata(DESK_01, Map.of("bad key!", "v")));
    }

    @Test
    void metadataIsStoredInTheDomainAndShownInTheInventory() throws Exception {
        lab.setMetadata(DESK_01, Map.of("template", "win11", "owner", "alice"));
        assertEquals(Map.of("template", "win11", "owner", "alice"), lab.metadata(DESK_01));
        LibvirtFixture.inventoryWhere("owner metadata", inv -> "alice".equals(vm(inv, DESK_01).getMetadata().get("owner")));
    }

    @Test
    void snapshotsAreCreatedRevertedAndDeleted() throws Exception {
        lab.snapshotCreate(DESK_01, "before-update", "test snapshot");
        assertTrue(lab.snapshots(DESK_01).contains("before-update"));
        lab.snapshotRevert(DESK_01, "before-update");
        lab.snapshotDelete(DESK_01, "before-update");
        assertFalse(lab.snapshots(DESK_01).contains("before-update"));
        HypervisorException missing = assertThrows(HypervisorException.class,
                () -> lab.snapshotRevert(DESK_01, "never-made"));
        assertEquals(HypervisorException.Kind.NOT_FOUND, missing.kind());
    }

    @Test
    void defineAndUndefineAddAndRemoveTheVm() throws Exception {
        String uuid = "33333333-0000-4000-8000-000000000003";
        try (LibvirtFixture.Events events = new LibvirtFixture.Events()) {
            VmInfo defined = lab.define("<domain type='test'><name>desk-new</name><uuid>" + uuid
                    + "</uuid><memory unit='MiB'>512</memory><vcpu>1</vcpu><os><type>hvm</type></os></domain>");
            assertEquals(VmState.SHUTOFF, defined.state());
            events.await("org/deskplane/hypervisor/vm/DEFINED", uuid);
            LibvirtFixture.inventoryWhere("desk-new defined", inv -> vm(inv, uuid) != null);
            lab.undefine(uuid);
            events.await("org/deskplane/hypervisor/vm/UNDEFINED", uuid);
            LibvirtFixture.inventoryWhere("desk-new gone", inv -> vm(inv, uuid) == null);
        }
    }

    @Test
    void aBrokenConnectionFailsFastWhileAnotherKeepsWorking() throws Exception {
        Configuration broken = LibvirtFixture.configure("broken", "test:///nonexistent/deskplane/node.xml", 200);
        try {
            HypervisorConnection connection = LibvirtFixture.connection("broken");
            LibvirtFixture.waitFor("broken connection reported disconnected",
                    () -> connection.status().state() == ConnectionStatus.State.DISCONNECTED);
            assertNotNull(connection.status().lastError());
            HypervisorException down = assertThrows(HypervisorException.class, connection::listVms);
            assertEquals(HypervisorException.Kind.CONNECTION_LOST, down.kind());
            LibvirtFixture.inventoryWhere("broken host disconnected", inv -> inv.getHosts().stream()
                    .anyMatch(h -> "broken".equals(h.getName()) && h.getState() == HostState.DISCONNECTED));
            // the other connection is unaffected while the broken one keeps retrying
            assertEquals(2, lab.listVms().size());
            lab.suspend(DESK_02);
            lab.resume(DESK_02);
        } finally {
            broken.delete();
        }
        LibvirtFixture.inventoryWhere("deleted connection's host removed",
                inv -> inv.getHosts().stream().noneMatch(h -> "broken".equals(h.getName())));
    }

    @Test
    void reconnectsWithBackoffOnceTheHostIsReachable() throws Exception {
        Path later = LibvirtFixture.testDir().resolve("late-host.xml");
        Files.deleteIfExists(later);
        Configuration late = LibvirtFixture.configure("late", "test://" + later, 100);
        try {
            HypervisorConnection connection = LibvirtFixture.connection("late");
            LibvirtFixture.waitFor("first attempt failed",
                    () -> connection.status().state() == ConnectionStatus.State.DISCONNECTED);
            Files.move(LibvirtFixture.writeNode("late-host-staging", LibvirtFixture.testDir()), later);
            LibvirtFixture.waitFor("reconnected", () -> connection.status().state() == ConnectionStatus.State.CONNECTED);
            assertEquals(2, connection.listVms().size());
            LibvirtFixture.inventoryWhere("late host's VMs", inv -> LibvirtFixture.names(inv, "late").size() == 2);
        } finally {
            late.delete();
        }
    }

    @Test
    void eachConnectionIsAServiceWithItsId() throws Exception {
        HypervisorConnection found = LibvirtFixture.connection(ID);
        assertInstanceOf(HypervisorConnection.class, found);
        assertEquals(ID, found.id());
    }
}
