package org.deskplane.client.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.deskplane.client.CertificateTrust;
import org.deskplane.client.ServerConnection;
import org.deskplane.hypervisor.api.ConnectionStatus;
import org.deskplane.hypervisor.api.DiskInfo;
import org.deskplane.hypervisor.api.HypervisorConnection;
import org.deskplane.hypervisor.api.HypervisorException;
import org.deskplane.hypervisor.api.NotSupportedException;
import org.deskplane.hypervisor.api.VmInfo;
import org.deskplane.hypervisor.api.VmState;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The remote {@link HypervisorConnection}: JSON read into the API records, problem answers mapped to kinds. */
class RemoteHypervisorTest {

    private static final String PASSWORD = "hypervisor secret";
    private static final String UUID = FakeDeskplaneServer.VM_UUID;
    private static FakeDeskplaneServer server;
    private static ServerConnection connection;
    private static HypervisorConnection lab;

    @BeforeAll
    static void connect() throws Exception {
        server = new FakeDeskplaneServer(PASSWORD);
        connection = ServerConnection.login(server.baseUrl(), CertificateTrust.pinned(server.fingerprint()),
                FakeDeskplaneServer.ADMIN, PASSWORD.toCharArray());
        List<HypervisorConnection> connections = connection.hypervisorConnections();
        assertEquals(1, connections.size());
        lab = connections.get(0);
    }

    @AfterAll
    static void disconnect() {
        connection.close();
        server.close();
    }

    @Test
    void connectionsAreListedWithTheirStatusAndKeptPerId() {
        assertEquals("lab", lab.id());
        assertEquals("test:///default", lab.uri());
        ConnectionStatus status = lab.status();
        assertEquals(ConnectionStatus.State.CONNECTED, status.state());
        assertEquals("lab-host", status.hostName());
        assertEquals("TEST", status.hypervisor());
        assertNull(status.lastError());
        assertSame(lab, connection.hypervisorConnections().get(0), "one object per connection id");
    }

    @Test
    void vmsAreReadWithDisksBackingChainCdromAndChannels() throws Exception {
        List<VmInfo> vms = lab.listVms();
        assertEquals(1, vms.size());
        VmInfo vm = vms.get(0);
        assertEquals("lab", vm.id().connectionId());
        assertEquals(UUID, vm.id().uuid());
        assertEquals("desk-01", vm.name());
        assertEquals(VmState.RUNNING, vm.state());
        assertEquals(2, vm.vcpus());
        assertEquals(2_097_152L, vm.memoryKiB());
        DiskInfo disk = vm.disks().get(0);
        assertEquals("qcow2", disk.format());
        assertEquals("/images/base.qcow2", disk.backingChain().get(0).path());
        DiskInfo cdrom = vm.disks().get(1);
        assertTrue(cdrom.isCdrom());
        assertNull(cdrom.path(), "an empty drive has no media path");
        assertEquals("org.deskplane.agent.0", vm.channels().get(0).name());
        assertEquals("win11", vm.metadata().get("template"));
        lab.start(UUID);
    }

    @Test
    void problemAnswersBecomeTheMatchingHypervisorExceptionKinds() {
        NotSupportedException refused = assertThrows(NotSupportedException.class,
                () -> lab.insertMedia(UUID, "hdc", "/isos/other.iso"));
        assertEquals(HypervisorException.Kind.NOT_SUPPORTED, refused.kind());
        assertEquals("insertMedia is not supported by this hypervisor (connection 'lab')", refused.getMessage());
        assertEquals(HypervisorException.Kind.NOT_FOUND,
                assertThrows(HypervisorException.class, () -> lab.start("99999999-0000-4000-8000-000000000000"))
                        .kind());
        HypervisorException invalid = assertThrows(HypervisorException.class, () -> lab.suspend(UUID));
        assertEquals(HypervisorException.Kind.INVALID, invalid.kind());
        assertEquals("domain is not running", invalid.getMessage());
        HypervisorException lost = assertThrows(HypervisorException.class, () -> lab.resume(UUID));
        assertEquals(HypervisorException.Kind.CONNECTION_LOST, lost.kind());
        assertTrue(lost.getMessage().contains("connection 'lab' is down"), lost.getMessage());
        assertEquals(HypervisorException.Kind.FAILED,
                assertThrows(HypervisorException.class, () -> lab.destroy(UUID)).kind());
        assertFalse(server.requests().isEmpty());
    }
}
