package org.deskplane.hypervisor.libvirt.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.deskplane.hypervisor.api.HypervisorConnection;
import org.deskplane.hypervisor.api.HypervisorException;
import org.deskplane.hypervisor.api.HypervisorException.Kind;
import org.deskplane.hypervisor.api.NotSupportedException;
import org.deskplane.hypervisor.api.VmInfo;
import org.deskplane.hypervisor.api.VmState;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.osgi.service.cm.Configuration;

/**
 * Saved state files and transient VMs on libvirt's {@code test:///} driver, which saves and restores in its own
 * format but cannot replace the saved definition: what it can do works, the rest is a clear refusal.
 */
class SavedStateTestDriverTest {

    private static final String ID = "saved-test";
    private static Configuration configuration;
    private static HypervisorConnection lab;

    @BeforeAll
    static void connect() throws Exception {
        Path node = LibvirtFixture.writeNode(ID, LibvirtFixture.testDir().resolve("saved-images"));
        configuration = LibvirtFixture.configure(ID, "test://" + node, 200);
        lab = LibvirtFixture.connected(ID);
    }

    @AfterAll
    static void disconnect() throws Exception {
        configuration.delete();
    }

    @Test
    void savesAndRestoresButRefusesAReplacementDefinition() throws Exception {
        Path file = LibvirtFixture.testDir().resolve("desk-01.state");
        Files.deleteIfExists(file);
        try {
            if (lab.vm(LibvirtFixture.DESK_01).state() != VmState.RUNNING) {
                lab.start(LibvirtFixture.DESK_01);
            }
            lab.saveState(LibvirtFixture.DESK_01, file);
            assertTrue(Files.size(file) > 0);
            assertEquals(VmState.SHUTOFF, lab.vm(LibvirtFixture.DESK_01).state(), "a saved persistent VM is off");
            HypervisorException notRunning = assertThrows(HypervisorException.class,
                    () -> lab.saveState(LibvirtFixture.DESK_01, LibvirtFixture.testDir().resolve("never.state")));
            assertEquals(Kind.INVALID, notRunning.kind(), notRunning.getMessage());
            assertFalse(Files.exists(LibvirtFixture.testDir().resolve("never.state")), "a refused save left a file");

            String saved = lab.savedStateXml(file);
            assertTrue(saved.contains(LibvirtFixture.DESK_01), saved);
            HypervisorException replaced = assertThrows(HypervisorException.class,
                    () -> lab.restoreState(file, saved));
            assertInstanceOf(NotSupportedException.class, replaced, replaced.getMessage());

            VmInfo restored = lab.restoreState(file, null);
            assertEquals(VmState.RUNNING, restored.state());
            assertTrue(restored.persistent(), "a VM with a persistent definition stays persistent");
        } finally {
            Files.deleteIfExists(file);
        }
    }

    @Test
    void transientVmsComeAndGo() throws Exception {
        String uuid = "33333333-0000-4000-8000-000000000003";
        VmInfo created = lab.createTransient("""
                <domain type='test'><name>transient-01</name><uuid>UUID</uuid>
                  <memory unit='MiB'>256</memory><vcpu>1</vcpu><os><type arch='x86_64'>hvm</type></os></domain>
                """.replace("UUID", uuid));
        assertEquals(VmState.RUNNING, created.state());
        assertFalse(created.persistent());
        assertEquals(256 * 1024, created.memoryKiB());
        lab.destroy(uuid);
        assertEquals(Kind.NOT_FOUND, assertThrows(HypervisorException.class, () -> lab.vm(uuid)).kind(),
                "a stopped transient VM is gone");
    }

    @Test
    void aGarbageFileIsNoSavedState() throws Exception {
        Path garbage = LibvirtFixture.testDir().resolve("garbage.state");
        Files.writeString(garbage, "this is no saved state, only text long enough to hold a header");
        try {
            HypervisorException refused = assertThrows(HypervisorException.class,
                    () -> lab.restoreState(garbage, null));
            assertEquals(Kind.INVALID, refused.kind(), refused.getMessage());
            assertTrue(refused.getMessage().contains("is not a saved state file"), refused.getMessage());
        } finally {
            Files.deleteIfExists(garbage);
        }
    }
}
