package org.deskplane.hypervisor.libvirt.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

import org.deskplane.hypervisor.api.ConnectionStatus;
import org.deskplane.hypervisor.api.DiskInfo;
import org.deskplane.hypervisor.api.DiskSpec;
import org.deskplane.hypervisor.api.HypervisorConnection;
import org.deskplane.hypervisor.api.HypervisorException;
import org.deskplane.hypervisor.api.VmInfo;
import org.deskplane.hypervisor.api.VmState;
import org.junit.jupiter.api.Test;
import org.osgi.service.cm.Configuration;

/**
 * Device work on a real hypervisor: libvirtd's {@code qemu:///system} (started by releng/scripts/setup). A tiny
 * diskless-boot TCG VM with a CD-ROM and a Deskplane channel is defined, started, has media inserted and ejected,
 * a USB disk hot-added and detached, a snapshot taken and reverted, and is destroyed and undefined. When libvirtd
 * cannot be reached this test fails with the reason: it never skips.
 */
class QemuSystemTest {

    private static final Path IMAGES = Path.of("/var/lib/libvirt/images/deskplane-tests");

    private static String vmXml(String name, String uuid, Path systemDisk) {
        return """
                <!-- boot order only on the disk: the firmware then never tries (and locks) the CD-ROM -->
                <domain type='qemu'>
                  <name>NAME</name><uuid>UUID</uuid>
                  <memory unit='MiB'>64</memory><vcpu>1</vcpu>
                  <os><type arch='x86_64' machine='pc'>hvm</type></os>
                  <devices>
                    <emulator>/usr/bin/qemu-system-x86_64</emulator>
                    <disk type='file' device='disk'><driver name='qemu' type='qcow2'/><source file='DISK'/><target dev='vda' bus='virtio'/><boot order='1'/></disk>
                    <disk type='file' device='cdrom'><driver name='qemu' type='raw'/><target dev='hdc' bus='ide'/><readonly/></disk>
                    <controller type='usb' model='piix3-uhci'/>
                    <channel type='unix'><target type='virtio' name='org.deskplane.agent.0'/></channel>
                  </devices>
                </domain>
                """.replace("NAME", name).replace("UUID", uuid).replace("DISK", systemDisk.toString());
    }

    @Test
    void devicesLifecycleAndSnapshotsOnQemuSystem() throws Exception {
        Files.createDirectories(IMAGES);
        String uuid = UUID.randomUUID().toString();
        String name = "deskplane-test-" + uuid.substring(0, 8);
        Path system = IMAGES.resolve(name + ".qcow2");
        Path iso = IMAGES.resolve(name + ".iso");
        Path extra = IMAGES.resolve(name + "-extra.raw");
        Process qemuImg = new ProcessBuilder("qemu-img", "create", "-q", "-f", "qcow2", system.toString(), "32M")
                .inheritIO().start();
        assertEquals(0, qemuImg.waitFor(), "qemu-img create failed (releng/scripts/setup installs qemu-utils)");
        Files.write(iso, new byte[64 * 1024]);
        try (RandomAccessFile file = new RandomAccessFile(extra.toFile(), "rw")) {
            file.setLength(16L << 20); // sparse
        }

        Configuration configuration = LibvirtFixture.configure("qemu-system", "qemu:///system", 500);
        try {
            HypervisorConnection qemu = LibvirtFixture.connection("qemu-system");
            long deadline = System.nanoTime() + LibvirtFixture.TIMEOUT.toNanos();
            while (qemu.status().state() != ConnectionStatus.State.CONNECTED) {
                if (System.nanoTime() > deadline) {
                    fail("qemu:///system is not reachable: " + qemu.status().lastError()
                            + " (releng/scripts/setup installs libvirt and starts libvirtd; run it as root)");
                }
                Thread.sleep(100);
            }
            VmInfo defined = qemu.define(vmXml(name, uuid, system));
            try {
                assertTrue(defined.channels().stream().anyMatch(c -> "org.deskplane.agent.0".equals(c.name())));
                qemu.start(uuid);
                assertEquals(VmState.RUNNING, qemu.vm(uuid).state());
                // no org.qemu.guest_agent.0 channel in this VM: a clear "not possible" rather than a hang
                HypervisorException noAgent = assertThrows(HypervisorException.class, () -> qemu.guestAgentCommand(uuid,
                        "{\"execute\":\"guest-ping\"}", java.time.Duration.ofSeconds(2)));
                assertEquals(HypervisorException.Kind.INVALID, noAgent.kind(), noAgent.getMessage());
                assertTrue(noAgent.getMessage().contains("no QEMU guest agent channel"), noAgent.getMessage());

                // this VM has no OS, only firmware, which keeps closing the tray that an eject opens; with its
                // vCPUs paused the drive is the host's alone (a guest OS answers eject requests properly)
                qemu.suspend(uuid);
                qemu.insertMedia(uuid, "hdc", iso.toString());
                assertEquals(iso.toString(), cdrom(qemu.vm(uuid)).path());
                qemu.ejectMedia(uuid, "hdc");
                assertNull(cdrom(qemu.vm(uuid)).path());

                qemu.snapshotCreate(uuid, "clean", "before changes");
                assertTrue(qemu.snapshots(uuid).contains("clean"));
                qemu.insertMedia(uuid, "hdc", iso.toString());
                qemu.resume(uuid);
                assertEquals(VmState.RUNNING, qemu.vm(uuid).state());
                qemu.snapshotRevert(uuid, "clean");
                assertNull(cdrom(qemu.vm(uuid)).path(), "revert did not restore the empty drive");
                qemu.snapshotDelete(uuid, "clean");
                assertFalse(qemu.snapshots(uuid).contains("clean"));

                qemu.attachDisk(uuid, new DiskSpec(extra.toString(), "raw", "sda", "usb", false));
                assertTrue(qemu.vm(uuid).disks().stream().anyMatch(d -> "sda".equals(d.target())));
                qemu.detachDisk(uuid, "sda");
                LibvirtFixture.waitFor("USB disk detached", () -> {
                    try {
                        return qemu.vm(uuid).disks().stream().noneMatch(d -> "sda".equals(d.target()));
                    } catch (Exception e) {
                        return false;
                    }
                });

                qemu.destroy(uuid);
                assertEquals(VmState.SHUTOFF, qemu.vm(uuid).state());
            } finally {
                try {
                    qemu.destroy(uuid);
                } catch (Exception alreadyOff) {
                    // fine
                }
                qemu.undefine(uuid);
            }
            assertTrue(qemu.listVms().stream().noneMatch(vm -> uuid.equals(vm.id().uuid())));
        } finally {
            configuration.delete();
            Files.deleteIfExists(system);
            Files.deleteIfExists(iso);
            Files.deleteIfExists(extra);
        }
    }

    private static DiskInfo cdrom(VmInfo vm) {
        return vm.disks().stream().filter(DiskInfo::isCdrom).findFirst().orElseThrow();
    }
}
