package org.deskplane.delivery.cdrom.internal;

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
import org.deskplane.delivery.spi.MediaLocation;
import org.deskplane.delivery.spi.VmTarget;
import org.deskplane.hypervisor.api.DiskInfo;
import org.deskplane.hypervisor.api.HypervisorConnection;
import org.deskplane.hypervisor.api.HypervisorException;
import org.deskplane.hypervisor.api.VmId;
import org.deskplane.hypervisor.api.VmInfo;
import org.deskplane.hypervisor.api.VmState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CD-ROM method's decisions, against a scripted connection that keeps drives in memory (a unit test of the code
 * around libvirt; the real insert and eject are in GuestDeliveryTest).
 */
class CdromDeliveryTest {
    private static final VmId ID = new VmId("h", "u-1");
    private final CdromDelivery cdrom = new CdromDelivery();
    private final List<DiskInfo> drives = new ArrayList<>();
    private final List<String> calls = new ArrayList<>();
    private VmState state = VmState.RUNNING;
    private HypervisorException failure;

    @TempDir
    Path dir;

    private VmTarget vm() {
        HypervisorConnection connection = (HypervisorConnection) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] { HypervisorConnection.class }, (proxy, method, args) -> {
                    switch (method.getName()) {
                        case "insertMedia", "ejectMedia" -> {
                            calls.add(method.getName() + " " + args[1] + (args.length > 2 ? " " + args[2] : ""));
                            if (failure != null) {
                                throw failure;
                            }
                            String path = args.length > 2 ? (String) args[2] : null;
                            drives.replaceAll(d -> d.target().equals(args[1])
                                    ? new DiskInfo(d.target(), "cdrom", d.bus(), path, "raw", true, List.of()) : d);
                            return null;
                        }
                        case "id" -> {
                            return "h";
                        }
                        default -> throw new UnsupportedOperationException(method.getName());
                    }
                });
        VmInfo info = new VmInfo(ID, "desk", state, true, false, 1, 1024, List.copyOf(drives), List.of(), Map.of());
        return new VmTarget(ID, info, connection);
    }

    private static DiskInfo drive(String target, String media) {
        return new DiskInfo(target, "cdrom", "sata", media, "raw", true, List.of());
    }

    private AttachContext context(Path image) {
        PayloadRepository repository = (PayloadRepository) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] { PayloadRepository.class }, (proxy, method, args) -> {
                    if (method.getName().equals("image")) {
                        return image;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
        Payload payload = new Payload(new PayloadManifest("p", "1", "", List.of(), List.of(), false, null), "DP_TEST",
                0, "", Instant.now());
        return new AttachContext(payload, repository, "job-1", line -> calls.add("log " + line));
    }

    @Test
    void insertsIntoTheFirstEmptyDriveAndEjectsOnlyThatDisc() throws Exception {
        Path image = Files.writeString(dir.resolve("image.iso"), "iso");
        drives.add(drive("sda", "/other/tools.iso"));
        drives.add(drive("sdb", null));
        assertNull(cdrom.unusableReason(vm(), false));
        Attachment a = cdrom.attach(vm(), context(image));
        assertEquals(MediaLocation.label("DP_TEST"), a.location());
        assertEquals("sdb", a.handle().get("target"));
        assertTrue(calls.contains("insertMedia sdb " + image), calls.toString());
        assertTrue(cdrom.isAttached(vm(), a));

        cdrom.detach(vm(), a);
        assertFalse(cdrom.isAttached(vm(), a));
        assertEquals("/other/tools.iso", drives.get(0).path(), "someone else's disc stays in");
        calls.clear();
        cdrom.detach(vm(), a);
        assertTrue(calls.stream().noneMatch(c -> c.startsWith("ejectMedia")), "a second detach does nothing: " + calls);
    }

    @Test
    void afterACrashMidAttachTheRecoveryHandleFindsTheDiscByItsImage() throws Exception {
        drives.add(drive("sda", "/repo/p/1/image.iso"));
        Attachment recovery = new Attachment("cdrom", MediaLocation.label("DP_TEST"),
                Map.of("job", "job-1", "image", "/repo/p/1/image.iso"));
        assertTrue(cdrom.isAttached(vm(), recovery));
        cdrom.detach(vm(), recovery);
        assertEquals(List.of("ejectMedia sda"), calls);
    }

    @Test
    void saysWhyItCannotServeAVm() {
        assertEquals("VM has no CD-ROM drive", cdrom.unusableReason(vm(), false));
        drives.add(drive("sda", "/x.iso"));
        assertEquals("every CD-ROM drive of the VM holds a disc", cdrom.unusableReason(vm(), false));
        drives.set(0, drive("sda", null));
        state = VmState.SHUTOFF;
        assertEquals("VM is not running", cdrom.unusableReason(vm(), false));
        assertNull(cdrom.unusableReason(vm(), true), "a VM that is off gets the disc in its definition");
    }

    @Test
    void aHypervisorThatRefusesMediaChangesIsNotSupportedAndAVanishedVmIsDetached() throws Exception {
        Path image = Files.writeString(dir.resolve("image.iso"), "iso");
        drives.add(drive("sda", null));
        failure = new org.deskplane.hypervisor.api.NotSupportedException("insertMedia", "test", null);
        DeliveryException refused = assertThrows(DeliveryException.class, () -> cdrom.attach(vm(), context(image)));
        assertEquals(DeliveryException.Reason.NOT_SUPPORTED, refused.reason());

        drives.set(0, drive("sda", image.toString()));
        failure = new HypervisorException(HypervisorException.Kind.NOT_FOUND, "no domain");
        cdrom.detach(vm(), new Attachment("cdrom", MediaLocation.label("DP_TEST"), Map.of("target", "sda", "image", image.toString())));
        failure = new HypervisorException(HypervisorException.Kind.CONNECTION_LOST, "down");
        DeliveryException down = assertThrows(DeliveryException.class, () -> cdrom.detach(vm(),
                new Attachment("cdrom", MediaLocation.label("DP_TEST"), Map.of("target", "sda", "image", image.toString()))));
        assertEquals(DeliveryException.Reason.TRANSIENT, down.reason(), "retried by the engine");
    }
}
