package org.deskplane.delivery.diskclone.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.deskplane.delivery.api.DeliveryException;
import org.deskplane.delivery.api.Payload;
import org.deskplane.delivery.api.PayloadManifest;
import org.deskplane.delivery.api.PayloadRepository;
import org.deskplane.delivery.spi.AttachContext;
import org.deskplane.delivery.spi.Attachment;
import org.deskplane.delivery.spi.VmTarget;
import org.deskplane.hypervisor.api.DiskInfo;
import org.deskplane.hypervisor.api.DiskSpec;
import org.deskplane.hypervisor.api.HypervisorConnection;
import org.deskplane.hypervisor.api.HypervisorException;
import org.deskplane.hypervisor.api.VmId;
import org.deskplane.hypervisor.api.VmInfo;
import org.deskplane.hypervisor.api.VmState;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.BundleContext;

/**
 * The disk-clone method with real qemu-img overlays and a scripted connection that keeps disks in memory (the real
 * hot-add is in GuestDeliveryTest).
 */
class DiskCloneDeliveryTest {
    private static final VmId ID = new VmId("h", "u-2");
    private final List<DiskInfo> disks = new ArrayList<>();
    private final List<String> calls = new ArrayList<>();
    private HypervisorException failure;
    private DiskCloneDelivery clone;
    private Path image;

    @TempDir
    Path dir;

    @BeforeEach
    void setUp() throws Exception {
        BundleContext context = (BundleContext) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] { BundleContext.class },
                (proxy, method, args) -> method.getName().equals("getProperty") && "deskplane.data".equals(args[0])
                        ? dir.resolve("data").toString() : null);
        clone = new DiskCloneDelivery(context);
        image = dir.resolve("image.iso");
        Files.write(image, new byte[1 << 20]);
        disks.add(new DiskInfo("vda", "disk", "virtio", "/images/root.qcow2", "qcow2", false, List.of()));
        disks.add(new DiskInfo("vdb", "disk", "virtio", "/images/agent.qcow2", "qcow2", true, List.of()));
    }

    private VmTarget vm(VmState state) {
        HypervisorConnection connection = (HypervisorConnection) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] { HypervisorConnection.class }, (proxy, method, args) -> {
                    switch (method.getName()) {
                        case "attachDisk" -> {
                            DiskSpec spec = (DiskSpec) args[1];
                            calls.add("attach " + spec.target() + " " + spec.format() + " ro=" + spec.readOnly());
                            if (failure != null) {
                                throw failure;
                            }
                            disks.add(new DiskInfo(spec.target(), "disk", spec.bus(), spec.path(), spec.format(), true, List.of()));
                            return null;
                        }
                        case "detachDisk" -> {
                            calls.add("detach " + args[1]);
                            if (failure != null) {
                                throw failure;
                            }
                            disks.removeIf(d -> d.target().equals(args[1]));
                            return null;
                        }
                        default -> throw new UnsupportedOperationException(method.getName());
                    }
                });
        return new VmTarget(ID, new VmInfo(ID, "desk", state, true, false, 1, 1024, List.copyOf(disks), List.of(), Map.of()),
                connection);
    }

    private AttachContext context(String job) {
        PayloadRepository repository = (PayloadRepository) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] { PayloadRepository.class }, (proxy, method, args) -> image);
        Payload payload = new Payload(new PayloadManifest("p", "1", "", List.of(), List.of(), false, null), "DP_CLONE",
                0, "", Instant.now());
        return new AttachContext(payload, repository, job, calls::add);
    }

    private static String qemuImgInfo(Path file) throws Exception {
        Process p = new ProcessBuilder("qemu-img", "info", "-U", file.toString()).redirectErrorStream(true).start();
        return new String(p.getInputStream().readAllBytes());
    }

    @Test
    void hotAddsAReadOnlyOverlayOnTheImageUnderAFreeNameAndRemovesItAfter() throws Exception {
        Attachment a = clone.attach(vm(VmState.RUNNING), context("job-7"));
        Path overlay = Path.of(a.handle().get("overlay"));
        assertEquals("vdc", a.handle().get("target"), "vda and vdb are taken");
        assertTrue(calls.contains("attach vdc qcow2 ro=true"), calls.toString());
        String info = qemuImgInfo(overlay);
        assertTrue(info.contains("file format: qcow2") && info.contains("backing file: " + image), info);
        assertTrue(clone.isAttached(vm(VmState.RUNNING), a));

        clone.detach(vm(VmState.RUNNING), a);
        assertTrue(calls.contains("detach vdc"));
        assertTrue(Files.notExists(overlay), "the clone is deleted");
        assertFalse(clone.isAttached(vm(VmState.RUNNING), a));
        clone.detach(vm(VmState.RUNNING), a); // idempotent
    }

    @Test
    void aCloneLeftByACrashMidAttachIsFoundByItsJobAndDeleted() throws Exception {
        Attachment a = clone.attach(vm(VmState.RUNNING), context("job-8"));
        Attachment recovery = new Attachment("disk-clone", a.location(), Map.of("job", "job-8"));
        assertTrue(clone.isAttached(vm(VmState.RUNNING), recovery));
        clone.detach(vm(VmState.RUNNING), recovery);
        assertFalse(clone.isAttached(vm(VmState.RUNNING), recovery));
        assertTrue(Files.notExists(Path.of(a.handle().get("overlay"))));
    }

    @Test
    void aRefusedHotAddLeavesNoCloneBehindAndStoppedVmsAreRefused() throws Exception {
        failure = new org.deskplane.hypervisor.api.NotSupportedException("attachDisk", "test", null);
        DeliveryException e = assertThrows(DeliveryException.class, () -> clone.attach(vm(VmState.RUNNING), context("job-9")));
        assertEquals(DeliveryException.Reason.NOT_SUPPORTED, e.reason());
        try (var files = Files.list(dir.resolve("data/delivery/clones"))) {
            assertEquals(0, files.count(), "no clone left behind");
        }
        assertEquals("disks are hot-added to running VMs only", clone.unusableReason(vm(VmState.SHUTOFF), false));
        assertNull(clone.unusableReason(vm(VmState.RUNNING), false));
        assertThrows(IllegalArgumentException.class, () -> clone.detach(vm(VmState.RUNNING),
                new Attachment("disk-clone", a().location(), Map.of("job", "../../etc/x"))));
    }

    private static Attachment a() {
        return new Attachment("disk-clone", org.deskplane.delivery.spi.MediaLocation.label("X"), Map.of());
    }
}
