package org.deskplane.hypervisor.libvirt.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.deskplane.hypervisor.api.HypervisorConnection;
import org.deskplane.hypervisor.api.HypervisorException;
import org.deskplane.hypervisor.api.VmStartHook;
import org.deskplane.hypervisor.api.VmStartVetoedException;
import org.deskplane.hypervisor.api.VmState;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.cm.Configuration;

/** Start hooks run before the domain starts and can refuse the start (libvirt's test:/// driver). */
class VmStartHookTest {

    private static final String ID = "hooks";
    private static Configuration configuration;
    private static HypervisorConnection hooks;

    @BeforeAll
    static void connect() throws Exception {
        Path node = LibvirtFixture.writeNode(ID, LibvirtFixture.testDir().resolve("hook-images"));
        configuration = LibvirtFixture.configure(ID, "test://" + node, 200);
        hooks = LibvirtFixture.connected(ID);
    }

    @AfterAll
    static void disconnect() throws Exception {
        configuration.delete();
    }

    @Test
    void aHookSeesTheVmBeforeItStartsAndItsVetoKeepsTheVmOff() throws Exception {
        stopped(LibvirtFixture.DESK_01);
        List<String> seen = new CopyOnWriteArrayList<>();
        VmStartHook veto = (connection, vm) -> {
            seen.add(connection + ":" + vm.name() + ":" + vm.state());
            throw new VmStartVetoedException("scanner", "found EICAR in " + vm.name());
        };
        ServiceRegistration<VmStartHook> registration = LibvirtFixture.context().registerService(VmStartHook.class,
                veto, null);
        try {
            VmStartVetoedException refused = assertThrows(VmStartVetoedException.class,
                    () -> hooks.start(LibvirtFixture.DESK_01));
            assertEquals("scanner", refused.vetoedBy());
            assertEquals(HypervisorException.Kind.VETOED, refused.kind());
            assertTrue(refused.getMessage().contains("found EICAR"), refused.getMessage());
            assertEquals(VmState.SHUTOFF, hooks.vm(LibvirtFixture.DESK_01).state(), "a vetoed VM stays off");
            assertEquals(1, seen.size());
            assertTrue(seen.get(0).startsWith(ID + ":"), seen.toString());
            assertTrue(seen.get(0).endsWith(":SHUTOFF"), "the hook runs before the domain starts: " + seen);
        } finally {
            registration.unregister();
        }
        hooks.start(LibvirtFixture.DESK_01);
        assertEquals(VmState.RUNNING, hooks.vm(LibvirtFixture.DESK_01).state(), "without the hook it starts");
        assertEquals(1, seen.size(), "an unregistered hook is no longer asked");
    }

    @Test
    void hooksThatAgreeLetTheVmStart() throws Exception {
        stopped(LibvirtFixture.DESK_02);
        List<String> seen = new CopyOnWriteArrayList<>();
        ServiceRegistration<VmStartHook> registration = LibvirtFixture.context().registerService(VmStartHook.class,
                (connection, vm) -> seen.add(vm.id().uuid()), null);
        try {
            hooks.start(LibvirtFixture.DESK_02);
            assertEquals(VmState.RUNNING, hooks.vm(LibvirtFixture.DESK_02).state());
            assertEquals(List.of(LibvirtFixture.DESK_02), seen);
        } finally {
            registration.unregister();
        }
    }

    @Test
    void transientVmsAndRestoresAskTheHooksToo() throws Exception {
        String uuid = "44444444-0000-4000-8000-000000000004";
        Path file = LibvirtFixture.testDir().resolve("hooks-desk-02.state");
        Files.deleteIfExists(file);
        if (hooks.vm(LibvirtFixture.DESK_02).state() != VmState.RUNNING) {
            hooks.start(LibvirtFixture.DESK_02);
        }
        hooks.saveState(LibvirtFixture.DESK_02, file);
        List<String> seen = new CopyOnWriteArrayList<>();
        ServiceRegistration<VmStartHook> registration = LibvirtFixture.context().registerService(VmStartHook.class,
                (connection, vm) -> {
                    seen.add(vm.id().uuid() + ":" + vm.name() + ":" + vm.state() + ":" + vm.persistent());
                    throw new VmStartVetoedException("scanner", "not today");
                }, null);
        try {
            assertThrows(VmStartVetoedException.class, () -> hooks.createTransient("""
                    <domain type='test'><name>hooked</name><uuid>UUID</uuid>
                      <memory unit='MiB'>128</memory><vcpu>1</vcpu><os><type arch='x86_64'>hvm</type></os></domain>
                    """.replace("UUID", uuid)));
            assertEquals(HypervisorException.Kind.NOT_FOUND,
                    assertThrows(HypervisorException.class, () -> hooks.vm(uuid)).kind(), "a vetoed VM was created");
            assertThrows(VmStartVetoedException.class, () -> hooks.restoreState(file, null));
            assertEquals(VmState.SHUTOFF, hooks.vm(LibvirtFixture.DESK_02).state(), "a vetoed restore started");
            assertEquals(List.of(uuid + ":hooked:SHUTOFF:false", LibvirtFixture.DESK_02 + ":desk-02:SHUTOFF:true"),
                    seen);
        } finally {
            registration.unregister();
        }
        try {
            assertEquals(VmState.RUNNING, hooks.restoreState(file, null).state(), "without the hook it restores");
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private static void stopped(String uuid) throws HypervisorException {
        if (hooks.vm(uuid).state() != VmState.SHUTOFF) {
            hooks.destroy(uuid);
        }
    }
}
