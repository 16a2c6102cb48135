package org.deskplane.hypervisor.libvirt.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.UUID;

import org.deskplane.hypervisor.api.ConnectionStatus;
import org.deskplane.hypervisor.api.HypervisorConnection;
import org.deskplane.hypervisor.api.HypervisorException;
import org.deskplane.hypervisor.api.HypervisorException.Kind;
import org.deskplane.hypervisor.api.VmInfo;
import org.deskplane.hypervisor.api.VmState;
import org.deskplane.model.Inventory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.osgi.service.cm.Configuration;

/**
 * Saved state files and transient VMs on libvirtd's {@code qemu:///system} (a diskless 64 MiB TCG VM, no guest
 * image): create a transient VM, save it to a file (it is gone), read the file's definition, restore it with a
 * changed definition, and the ways this refuses bad input. Fails, never skips, when libvirtd cannot be reached.
 */
class SavedStateTest {

    private static final String ID = "qemu-saved";
    private static final Path FILES = Path.of("/var/lib/libvirt/images/deskplane-tests");
    private static Configuration configuration;
    private static HypervisorConnection qemu;

    @BeforeAll
    static void connect() throws Exception {
        Files.createDirectories(FILES);
        configuration = LibvirtFixture.configure(ID, "qemu:///system", 500);
        qemu = LibvirtFixture.connection(ID);
        long deadline = System.nanoTime() + LibvirtFixture.TIMEOUT.toNanos();
        while (qemu.status().state() != ConnectionStatus.State.CONNECTED) {
            if (System.nanoTime() > deadline) {
                fail("qemu:///system is not reachable: " + qemu.status().lastError()
                        + " (releng/scripts/setup installs libvirt and starts libvirtd; run it as root)");
            }
            Thread.sleep(100);
        }
    }

    @AfterAll
    static void disconnect() throws Exception {
        configuration.delete();
    }

    /** Boots in about a second: no disk, only firmware looking for something to boot. */
    private static String tinyVm(String name, String uuid) {
        return """
                <domain type='qemu'>
                  <name>NAME</name><uuid>UUID</uuid>
                  <memory unit='MiB'>64</memory><vcpu>1</vcpu>
                  <os><type arch='x86_64' machine='pc'>hvm</type></os>
                  <devices><emulator>/usr/bin/qemu-system-x86_64</emulator></devices>
                </domain>
                """.replace("NAME", name).replace("UUID", uuid);
    }

    @Test
    void aTransientVmIsSavedToAFileAndRestoredWithAChangedDefinition() throws Exception {
        String uuid = UUID.randomUUID().toString();
        String name = "deskplane-saved-" + uuid.substring(0, 8);
        Path file = FILES.resolve(name + ".state");
        try {
            VmInfo created = qemu.createTransient(tinyVm(name, uuid));
            assertEquals(uuid, created.id().uuid());
            assertEquals(VmState.RUNNING, created.state());
            assertFalse(created.persistent(), "createTransient made a persistent VM");
            assertTrue(qemu.domainXml(uuid).contains(uuid), "domainXml lacks the VM's UUID");
            LibvirtFixture.inventoryWhere("transient VM listed", inventory -> listed(inventory, uuid));

            HypervisorException duplicate = assertThrows(HypervisorException.class,
                    () -> qemu.createTransient(tinyVm(name, UUID.randomUUID().toString())));
            assertEquals(Kind.INVALID, duplicate.kind(), duplicate.getMessage());
            assertTrue(duplicate.getMessage().contains("already exists"), duplicate.getMessage());

            qemu.saveState(uuid, file);
            assertTrue(Files.size(file) > 0, "no saved state in " + file);
            assertTrue(qemu.listVms().stream().noneMatch(vm -> uuid.equals(vm.id().uuid())),
                    "a saved transient VM is gone");
            HypervisorException gone = assertThrows(HypervisorException.class, () -> qemu.vm(uuid));
            assertEquals(Kind.NOT_FOUND, gone.kind(), gone.getMessage());
            // the keeper drops the vanished VM and keeps the connection
            LibvirtFixture.inventoryWhere("saved transient VM removed", inventory -> !listed(inventory, uuid));
            assertEquals(ConnectionStatus.State.CONNECTED, qemu.status().state());

            String saved = qemu.savedStateXml(file);
            assertTrue(saved.contains("<uuid>" + uuid + "</uuid>"), saved);

            // libvirt refuses another name or UUID; a description and metadata may change
            String changed = saved.replace("</name>", "</name><description>moved to this host</description>"
                    + "<metadata><dp:vm xmlns:dp='" + HypervisorConnection.METADATA_NAMESPACE + "'>"
                    + "<dp:entry key='moved'>yes</dp:entry></dp:vm></metadata>");
            VmInfo restored = qemu.restoreState(file, changed);
            assertEquals(uuid, restored.id().uuid());
            assertEquals(VmState.RUNNING, restored.state());
            assertFalse(restored.persistent());
            assertEquals("yes", restored.metadata().get("moved"), restored.metadata().toString());
            assertTrue(qemu.domainXml(uuid).contains("moved to this host"), "the replacement definition is not used");
            assertTrue(Files.exists(file), "restoring consumed the caller's file");
            LibvirtFixture.inventoryWhere("restored VM listed", inventory -> listed(inventory, uuid));

            byte[] before = Files.readAllBytes(file);
            HypervisorException overwrite = assertThrows(HypervisorException.class, () -> qemu.saveState(uuid, file));
            assertEquals(Kind.INVALID, overwrite.kind(), overwrite.getMessage());
            assertTrue(overwrite.getMessage().contains("already exists"), overwrite.getMessage());
            assertArrayEquals(before, Files.readAllBytes(file), "a refused save changed the existing file");
            assertEquals(VmState.RUNNING, qemu.vm(uuid).state(), "a refused save stopped the VM");
        } finally {
            destroyQuietly(uuid);
            Files.deleteIfExists(file);
        }
    }

    @Test
    void aFileThatIsNoSavedStateIsRefusedClearly() throws Exception {
        Path garbage = FILES.resolve("deskplane-garbage-" + UUID.randomUUID() + ".state");
        byte[] noise = new byte[64 * 1024];
        new Random(9).nextBytes(noise);
        Files.write(garbage, noise);
        try {
            HypervisorException refused = assertThrows(HypervisorException.class,
                    () -> qemu.restoreState(garbage, null));
            assertEquals(Kind.INVALID, refused.kind(), refused.getMessage());
            assertTrue(refused.getMessage().contains("is not a saved state file"), refused.getMessage());
            assertTrue(refused.getMessage().contains(garbage.toString()), refused.getMessage());
            assertArrayEquals(noise, Files.readAllBytes(garbage));

            HypervisorException missing = assertThrows(HypervisorException.class,
                    () -> qemu.savedStateXml(FILES.resolve("deskplane-missing-" + UUID.randomUUID())));
            assertEquals(Kind.NOT_FOUND, missing.kind(), missing.getMessage());
            HypervisorException relative = assertThrows(HypervisorException.class,
                    () -> qemu.restoreState(Path.of("relative.state"), null));
            assertEquals(Kind.INVALID, relative.kind(), relative.getMessage());
            HypervisorException badXml = assertThrows(HypervisorException.class,
                    () -> qemu.createTransient("<domain><name>x</name"));
            assertEquals(Kind.INVALID, badXml.kind(), badXml.getMessage());
        } finally {
            Files.deleteIfExists(garbage);
        }
    }

    private static boolean listed(Inventory inventory, String uuid) {
        return inventory.getVirtualMachines().stream().anyMatch(vm -> uuid.equals(vm.getId()));
    }

    private static void destroyQuietly(String uuid) {
        try {
            qemu.destroy(uuid);
        } catch (HypervisorException alreadyGone) {
            // a transient VM that stopped is gone
        }
    }
}
