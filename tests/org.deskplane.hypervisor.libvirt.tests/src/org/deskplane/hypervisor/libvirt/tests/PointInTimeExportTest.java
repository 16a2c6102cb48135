package org.deskplane.hypervisor.libvirt.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.deskplane.hypervisor.api.ConnectionStatus;
import org.deskplane.hypervisor.api.DiskExport;
import org.deskplane.hypervisor.api.HypervisorConnection;
import org.deskplane.hypervisor.api.HypervisorException;
import org.deskplane.hypervisor.api.NotSupportedException;
import org.junit.jupiter.api.Test;
import org.osgi.service.cm.Configuration;

/**
 * Point-in-time exports on {@code qemu:///system} (a tiny VM with no OS, so its disk stays as written): the export
 * serves the disk's exact bytes; holders share one export, which ends with the last; a job a crashed server left
 * behind is ended and replaced, another party's backup job is left alone with a clear error; a stopped VM and the
 * test driver are refused.
 */
class PointInTimeExportTest {
    private static final Path IMAGES = Path.of("/var/lib/libvirt/images/deskplane-tests");
    private static final Path EXPORTS = Path.of("/var/lib/libvirt/qemu/deskplane-exports");

    @Test
    void exportsShareEndAndRecover() throws Exception {
        Files.createDirectories(IMAGES);
        String uuid = UUID.randomUUID().toString();
        String name = "deskplane-pit-" + uuid.substring(0, 8);
        Path raw = IMAGES.resolve(name + ".raw");
        Path disk = IMAGES.resolve(name + ".qcow2");
        byte[] contents = new byte[8 << 20];
        new Random(7).nextBytes(contents);
        Files.write(raw, contents);
        run("qemu-img", "convert", "-f", "raw", "-O", "qcow2", raw.toString(), disk.toString());
        Files.delete(raw);
        Configuration configuration = LibvirtFixture.configure("qemu-pit", "qemu:///system", 500);
        HypervisorConnection qemu = LibvirtFixture.connection("qemu-pit");
        try {
            waitConnected(qemu);
            qemu.define("""
                    <domain type='qemu'><name>NAME</name><uuid>UUID</uuid><memory unit='MiB'>64</memory><vcpu>1</vcpu>
                      <os><type arch='x86_64' machine='pc'>hvm</type></os>
                      <devices><emulator>/usr/bin/qemu-system-x86_64</emulator>
                        <disk type='file' device='disk'><driver name='qemu' type='qcow2'/><source file='DISK'/><target dev='vda' bus='virtio'/></disk>
                      </devices></domain>
                    """.replace("NAME", name).replace("UUID", uuid).replace("DISK", disk.toString()));
            HypervisorException stopped = assertThrows(HypervisorException.class, () -> qemu.exportPointInTime(uuid));
            assertEquals(HypervisorException.Kind.INVALID, stopped.kind(), stopped.getMessage());
            qemu.start(uuid);

            Path socket;
            try (DiskExport first = qemu.exportPointInTime(uuid); DiskExport second = qemu.exportPointInTime(uuid)) {
                assertEquals(List.of("vda"), first.targets());
                assertEquals(first.socket(), second.socket(), "one export per VM, shared");
                assertEquals(first.takenAt(), second.takenAt());
                assertFalse(first.quiesced(), "no guest agent: crash-consistent");
                socket = first.socket();
                assertArrayEquals(contents, exportedBytes(first, "vda"));
                first.close();
                assertTrue(Files.exists(socket), "the second holder keeps the export");
                assertArrayEquals(contents, exportedBytes(second, "vda"));
            }
            // libvirt finishes ending the job (NBD server stopped, socket and scratch removed) just after the call
            LibvirtFixture.waitFor("the last holder's close ends the export", () -> !Files.exists(socket));
            assertFalse(leftovers(uuid), "libvirt deleted the scratch file");

            // a job our crashed predecessor left (socket in our directory) is ended and replaced
            virsh("backup-begin", name, backupXml(EXPORTS.resolve(uuid + ".nbd.sock"), EXPORTS.resolve(uuid + "-vda.scratch")));
            try (DiskExport recovered = qemu.exportPointInTime(uuid)) {
                assertArrayEquals(contents, exportedBytes(recovered, "vda"));
            }
            LibvirtFixture.waitFor("the recovered export ended", () -> !Files.exists(socket));

            // somebody else's backup job is not ours to end
            Path foreign = Files.createTempDirectory(EXPORTS.getParent(), "foreign");
            run("chown", "libvirt-qemu:libvirt-qemu", foreign.toString());
            virsh("backup-begin", name, backupXml(foreign.resolve("nbd.sock"), foreign.resolve("vda.scratch")));
            try {
                HypervisorException busy = assertThrows(HypervisorException.class, () -> qemu.exportPointInTime(uuid));
                assertTrue(busy.getMessage().toLowerCase().contains("backup"), busy.getMessage());
                assertTrue(Files.exists(foreign.resolve("nbd.sock")), "the other job still runs");
            } finally {
                virsh("domjobabort", name);
                run("rm", "-rf", foreign.toString());
            }
        } finally {
            try {
                qemu.destroy(uuid);
            } catch (HypervisorException ignored) {
                // not running
            }
            try {
                qemu.undefine(uuid);
            } catch (HypervisorException ignored) {
                // never defined
            }
            configuration.delete();
            Files.deleteIfExists(disk);
        }
    }

    @Test
    void theTestDriverCannotExport() throws Exception {
        Configuration configuration = LibvirtFixture.configure("test-pit", "test:///default", 500);
        try {
            HypervisorConnection test = LibvirtFixture.connection("test-pit");
            waitConnected(test);
            String running = test.listVms().stream().filter(vm -> vm.state() == org.deskplane.hypervisor.api.VmState.RUNNING)
                    .findFirst().orElseThrow().id().uuid();
            assertThrows(NotSupportedException.class, () -> test.exportPointInTime(running));
        } finally {
            configuration.delete();
        }
    }

    private static byte[] exportedBytes(DiskExport export, String target) throws Exception {
        Path copy = Files.createTempFile("pit", ".raw");
        try {
            run("qemu-img", "convert", "-O", "raw", "nbd+unix:///" + export.exportName(target) + "?socket=" + export.socket(),
                    copy.toString());
            return Files.readAllBytes(copy);
        } finally {
            Files.deleteIfExists(copy);
        }
    }

    private static String backupXml(Path socket, Path scratch) throws Exception {
        Path xml = Files.createTempFile("backup", ".xml");
        Files.writeString(xml, "<domainbackup mode='pull'><server transport='unix' socket='" + socket + "'/><disks>"
                + "<disk name='vda' backup='yes' type='file'><scratch file='" + scratch + "'/></disk></disks></domainbackup>");
        return xml.toString();
    }

    private static boolean leftovers(String uuid) throws Exception {
        try (var files = Files.list(EXPORTS)) {
            return files.anyMatch(f -> f.getFileName().toString().startsWith(uuid));
        }
    }

    private static void waitConnected(HypervisorConnection connection) throws InterruptedException {
        long deadline = System.nanoTime() + LibvirtFixture.TIMEOUT.toNanos();
        while (connection.status().state() != ConnectionStatus.State.CONNECTED) {
            if (System.nanoTime() > deadline) {
                fail(connection.uri() + " is not reachable: " + connection.status().lastError());
            }
            Thread.sleep(100);
        }
    }

    private static void virsh(String... arguments) throws Exception {
        String[] command = new String[arguments.length + 3];
        command[0] = "virsh";
        command[1] = "-c";
        command[2] = "qemu:///system";
        System.arraycopy(arguments, 0, command, 3, arguments.length);
        run(command);
    }

    private static void run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(120, TimeUnit.SECONDS) && process.exitValue() == 0, String.join(" ", command) + ": " + output);
    }
}
