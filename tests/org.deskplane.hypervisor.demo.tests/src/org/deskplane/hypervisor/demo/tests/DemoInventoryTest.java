package org.deskplane.hypervisor.demo.tests;

import static org.deskplane.hypervisor.demo.tests.DemoFixture.vm;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.deskplane.model.Device;
import org.deskplane.model.DeviceKind;
import org.deskplane.model.Disk;
import org.deskplane.model.DiskFormat;
import org.deskplane.model.Host;
import org.deskplane.model.HostState;
import org.deskplane.model.Inventory;
import org.deskplane.model.StoragePool;
import org.deskplane.model.StorageVolume;
import org.deskplane.model.VirtualMachine;
import org.deskplane.model.VmState;
import org.junit.jupiter.api.Test;

/** What a new server shows: the demo hosts, their desktops and valid demo images. */
class DemoInventoryTest {

    private static final long GIB = 1L << 30;

    @Test
    void threeDemoHostsWithTheirDesktopsAreInTheInventory() throws Exception {
        Inventory inventory = DemoFixture.demoInventory();
        for (String id : DemoFixture.DEMO_HOSTS) {
            Host host = DemoFixture.host(inventory, id);
            assertEquals(HostState.CONNECTED, host.getState(), id);
            assertEquals("TEST", host.getHypervisor());
            assertTrue(host.getUri().startsWith("test:///") && host.getUri().endsWith("/demo/" + id + ".xml"),
                    host.getUri());
        }
        assertEquals(List.of("debian-dev-01", "win11-desk-01", "win11-desk-02", "win11-desk-03"),
                names(DemoFixture.host(inventory, "demo-1")));
        assertEquals(List.of("build-01", "debian-dev-02", "debian-dev-03", "win11-cad-01"),
                names(DemoFixture.host(inventory, "demo-2")));
        assertEquals(List.of("kiosk-01", "kiosk-02", "win11-golden", "win11-test-01"),
                names(DemoFixture.host(inventory, "demo-3")));

        assertEquals(VmState.RUNNING, vm(inventory, "demo-1", "win11-desk-01").getState());
        assertEquals(VmState.STOPPED, vm(inventory, "demo-1", "win11-desk-03").getState());
        assertEquals(VmState.PAUSED, vm(inventory, "demo-1", "debian-dev-01").getState());
        assertEquals(VmState.RUNNING, vm(inventory, "demo-3", "kiosk-02").getState());
        VirtualMachine build = vm(inventory, "demo-2", "build-01");
        assertEquals(8, build.getVcpus());
        assertEquals(16384, build.getMemoryMiB());
    }

    @Test
    void desktopsHaveBackingChainsDataDisksCdromsChannelsAndMetadata() throws Exception {
        Inventory inventory = DemoFixture.demoInventory();
        VirtualMachine desk = vm(inventory, "demo-1", "win11-desk-01");

        Disk system = desk.getDisks().get(0);
        assertEquals("vda", system.getTarget());
        assertEquals(DiskFormat.QCOW2, system.getFormat());
        assertEquals(DemoFixture.images().resolve("win11-desk-01.qcow2").toString(), system.getPath());
        Disk layer = system.getBackingStore();
        assertEquals(DemoFixture.images().resolve("win11-office.qcow2").toString(), layer.getPath());
        Disk base = layer.getBackingStore();
        assertEquals(DemoFixture.images().resolve("base-win11.qcow2").toString(), base.getPath());
        assertEquals(DiskFormat.QCOW2, base.getFormat());
        assertNull(base.getBackingStore());

        Disk data = desk.getDisks().get(1);
        assertEquals("vdb", data.getTarget());
        assertEquals(DiskFormat.RAW, data.getFormat());
        assertTrue(data.getPath().endsWith("/win11-desk-01-data.img"));

        Device cdrom = device(desk, DeviceKind.CDROM);
        assertEquals(DemoFixture.images().resolve("iso/deskplane-tools.iso").toString(), cdrom.getSource());
        assertEquals("", device(vm(inventory, "demo-3", "kiosk-01"), DeviceKind.CDROM).getSource(), "empty drive");

        Device channel = device(desk, DeviceKind.CHANNEL);
        assertEquals("org.deskplane.agent.0", channel.getTarget());
        assertEquals("alice", desk.getMetadata().get("owner"));
        assertEquals("win11-office", desk.getMetadata().get("template"));

        Host host = DemoFixture.host(inventory, "demo-1");
        List<StoragePool> pools = inventory.getPools().stream().filter(p -> p.getHost() == host).toList();
        assertEquals(List.of("desktops", "isos"), pools.stream().map(StoragePool::getName).sorted().toList());
        StoragePool desktops = pools.stream().filter(p -> p.getName().equals("desktops")).findFirst().orElseThrow();
        StorageVolume baseVolume = desktops.getVolumes().stream().filter(v -> v.getName().equals("base-win11.qcow2"))
                .findFirst().orElseThrow();
        assertEquals("qcow2", baseVolume.getFormat());
        assertEquals(64 * GIB, baseVolume.getCapacityBytes());
    }

    @Test
    void everyDiskVolumeAndMediumOfTheDemoExistsOnDisk() throws Exception {
        Inventory inventory = DemoFixture.demoInventory();
        List<String> paths = new ArrayList<>();
        for (String id : DemoFixture.DEMO_HOSTS) {
            for (VirtualMachine vm : DemoFixture.host(inventory, id).getVirtualMachines()) {
                for (Disk disk = vm.getDisks().isEmpty() ? null : vm.getDisks().get(0); disk != null;
                        disk = disk.getBackingStore()) {
                    paths.add(disk.getPath());
                }
                vm.getDisks().forEach(d -> paths.add(d.getPath()));
                vm.getDevices().stream().filter(d -> d.getKind() == DeviceKind.CDROM && !d.getSource().isEmpty())
                        .forEach(d -> paths.add(d.getSource()));
            }
        }
        inventory.getPools().forEach(pool -> pool.getVolumes().forEach(v -> paths.add(v.getPath())));
        assertTrue(paths.size() > 40, "too few paths collected: " + paths.size());
        for (String path : paths) {
            assertTrue(Files.isRegularFile(Path.of(path)), "missing demo image " + path);
        }
    }

    @Test
    void qcow2ImagesHaveValidHeadersAndQemuImgAcceptsThem() throws Exception {
        DemoFixture.demoInventory();
        Qcow2Header overlay = Qcow2Header.read(DemoFixture.images().resolve("win11-desk-01.qcow2"));
        assertEquals(0x514649fb, overlay.magic());
        assertEquals(3, overlay.version());
        assertEquals(16, overlay.clusterBits());
        assertEquals(64 * GIB, overlay.size());
        assertEquals("win11-office.qcow2", overlay.backingFile());
        assertEquals(3L << 16, overlay.l1Offset());
        Qcow2Header base = Qcow2Header.read(DemoFixture.images().resolve("base-debian12.qcow2"));
        assertEquals(20 * GIB, base.size());
        assertNull(base.backingFile());

        // an independent reader: qemu-img (Debian's qemu-utils, installed by releng/scripts/setup)
        String check = run("qemu-img", "check", DemoFixture.images().resolve("win11-desk-01.qcow2").toString());
        assertTrue(check.contains("No errors were found"), check);
        String chain = run("qemu-img", "info", "--backing-chain", "--output=json",
                DemoFixture.images().resolve("win11-desk-01.qcow2").toString());
        assertTrue(chain.contains("\"backing-filename\": \"win11-office.qcow2\""), chain);
        assertTrue(chain.contains("\"backing-filename\": \"base-win11.qcow2\""), chain);
        assertTrue(chain.contains("\"virtual-size\": " + 64 * GIB), chain);
    }

    @Test
    void rawDataDisksHaveTheirFullSizeAndTheIsoIsIso9660() throws Exception {
        DemoFixture.demoInventory();
        assertEquals(64 * GIB, Files.size(DemoFixture.images().resolve("build-01-data.img")));
        assertEquals(16 * GIB, Files.size(DemoFixture.images().resolve("win11-desk-02-data.img")));
        Path iso = DemoFixture.images().resolve("iso/deskplane-tools.iso");
        byte[] bytes = Files.readAllBytes(iso);
        assertEquals("CD001", new String(bytes, 16 * 2048 + 1, 5, StandardCharsets.US_ASCII));
        assertEquals("DESKPLANE_TOOLS", new String(bytes, 16 * 2048 + 40, 32, StandardCharsets.US_ASCII).trim());
        String volumeSectors = String.valueOf(ByteBuffer.wrap(bytes, 16 * 2048 + 84, 4).getInt());
        assertEquals(String.valueOf(bytes.length / 2048), volumeSectors, "volume space size (big-endian half)");
    }

    private static List<String> names(Host host) {
        return host.getVirtualMachines().stream().map(VirtualMachine::getName).sorted().toList();
    }

    private static Device device(VirtualMachine vm, DeviceKind kind) {
        return vm.getDevices().stream().filter(d -> d.getKind() == kind).findFirst()
                .orElseThrow(() -> new AssertionError(vm.getName() + " has no " + kind));
    }

    private static String run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] output;
        try (InputStream in = process.getInputStream()) {
            output = in.readNBytes(1 << 20);
        }
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), String.join(" ", command) + " did not finish");
        String text = new String(output, StandardCharsets.UTF_8);
        assertEquals(0, process.exitValue(), String.join(" ", command) + ": " + text);
        return text;
    }
}
