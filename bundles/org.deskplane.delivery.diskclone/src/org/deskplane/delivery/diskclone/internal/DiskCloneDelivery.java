package org.deskplane.delivery.diskclone.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.deskplane.delivery.api.DeliveryException;
import org.deskplane.delivery.api.DeliveryException.Reason;
import org.deskplane.delivery.spi.AttachContext;
import org.deskplane.delivery.spi.Attachment;
import org.deskplane.delivery.spi.DeliveryMethod;
import org.deskplane.delivery.spi.HypervisorFailures;
import org.deskplane.delivery.spi.MediaLocation;
import org.deskplane.delivery.spi.VmTarget;
import org.deskplane.hypervisor.api.DiskInfo;
import org.deskplane.hypervisor.api.DiskSpec;
import org.deskplane.hypervisor.api.HypervisorException;
import org.deskplane.hypervisor.api.VmState;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/**
 * Clones the payload's ISO into {@code <data>/delivery/clones/<job>.qcow2} (a qcow2 overlay backed by the image, made
 * by {@code qemu-img}) and hot-adds it read-only on the virtio bus under the first free {@code vdX} name. The overlay
 * is named after the job, so clean-up finds it again after a crash even when the attach never got recorded.
 */
@Component(service = DeliveryMethod.class, property = DeliveryMethod.NAME_PROPERTY + "=" + DiskCloneDelivery.NAME)
public final class DiskCloneDelivery implements DeliveryMethod {
    static final String NAME = "disk-clone";
    static final String TARGET = "target";
    static final String OVERLAY = "overlay";
    private static final long QEMU_IMG_SECONDS = 60;

    private final Path clones;

    @Activate
    public DiskCloneDelivery(BundleContext context) {
        String data = context.getProperty("deskplane.data");
        Path base = data == null || data.isBlank() ? Path.of(System.getProperty("user.dir"), "data") : Path.of(data);
        this.clones = base.toAbsolutePath().resolve("delivery").resolve("clones");
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String unusableReason(VmTarget vm, boolean forNextStart) {
        if (forNextStart || vm.info().state() != VmState.RUNNING) {
            return "disks are hot-added to running VMs only";
        }
        return freeTarget(vm) == null ? "no free virtio disk name (vdb-vdz)" : null;
    }

    @Override
    public Attachment attach(VmTarget vm, AttachContext context) throws DeliveryException {
        String why = unusableReason(vm, false);
        if (why != null) {
            throw new DeliveryException(Reason.NOT_SUPPORTED, "disk-clone: " + why);
        }
        Path image = context.repository().image(context.payload().ref(), bytes -> {
        });
        Path overlay = overlayOf(context.jobId());
        createOverlay(image, overlay);
        String target = freeTarget(vm);
        try {
            vm.connection().attachDisk(vm.uuid(), new DiskSpec(overlay.toString(), "qcow2", target, "virtio", true));
        } catch (HypervisorException e) {
            deleteQuietly(overlay);
            throw HypervisorFailures.of("hot-adding the payload disk as " + target, e);
        }
        context.log().accept("hot-added a read-only clone of " + image.getFileName() + " as " + target);
        return new Attachment(NAME, MediaLocation.label(context.payload().volumeLabel()),
                Map.of(TARGET, target, OVERLAY, overlay.toString()));
    }

    @Override
    public void detach(VmTarget vm, Attachment attachment) throws DeliveryException {
        Path overlay = overlayPath(attachment);
        for (DiskInfo disk : disksHolding(vm, overlay)) {
            try {
                vm.connection().detachDisk(vm.uuid(), disk.target());
            } catch (HypervisorException e) {
                if (e.kind() != HypervisorException.Kind.NOT_FOUND) {
                    throw HypervisorFailures.of("detaching the payload disk " + disk.target(), e);
                }
            }
        }
        try {
            Files.deleteIfExists(overlay);
        } catch (IOException e) {
            throw new DeliveryException(Reason.TRANSIENT, "cannot delete the disk clone " + overlay + ": " + e.getMessage(), e);
        }
    }

    @Override
    public boolean isAttached(VmTarget vm, Attachment attachment) {
        Path overlay = overlayPath(attachment);
        return Files.exists(overlay) || !disksHolding(vm, overlay).isEmpty();
    }

    private Path overlayPath(Attachment attachment) {
        String recorded = attachment.handle().get(OVERLAY);
        if (recorded != null) {
            return Path.of(recorded);
        }
        String job = attachment.handle().get("job"); // the engine's recovery handle after a crash mid-attach
        if (job == null) {
            throw new IllegalArgumentException("attachment names neither overlay nor job");
        }
        return overlayOf(job);
    }

    private Path overlayOf(String jobId) {
        if (!jobId.matches("[A-Za-z0-9._-]{1,100}")) {
            throw new IllegalArgumentException("bad job id " + jobId);
        }
        return clones.resolve(jobId + ".qcow2");
    }

    private static List<DiskInfo> disksHolding(VmTarget vm, Path overlay) {
        return vm.info().disks().stream().filter(d -> overlay.toString().equals(d.path())).toList();
    }

    private static String freeTarget(VmTarget vm) {
        Set<String> used = new HashSet<>();
        vm.info().disks().forEach(d -> used.add(d.target()));
        for (char c = 'b'; c <= 'z'; c++) {
            if (!used.contains("vd" + c)) {
                return "vd" + c;
            }
        }
        return null;
    }

    private void createOverlay(Path image, Path overlay) throws DeliveryException {
        try {
            Files.createDirectories(clones);
            Files.deleteIfExists(overlay);
            Process p = new ProcessBuilder("qemu-img", "create", "-q", "-f", "qcow2", "-F", "raw", "-b",
                    image.toAbsolutePath().toString(), overlay.toString()).redirectErrorStream(true).start();
            String output;
            try (var in = p.getInputStream()) {
                output = new String(in.readNBytes(16_384));
            }
            if (!p.waitFor(QEMU_IMG_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new DeliveryException(Reason.TRANSIENT, "qemu-img did not finish within " + QEMU_IMG_SECONDS + " s");
            }
            if (p.exitValue() != 0) {
                throw new DeliveryException(Reason.FAILED, "qemu-img could not create the clone: " + output.strip());
            }
            // the hypervisor's own user opens it
            Files.setPosixFilePermissions(overlay, PosixFilePermissions.fromString("rw-r--r--"));
        } catch (IOException e) {
            deleteQuietly(overlay);
            throw new DeliveryException(Reason.FAILED, "cannot create the disk clone: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            deleteQuietly(overlay);
            Thread.currentThread().interrupt();
            throw new DeliveryException(Reason.TRANSIENT, "interrupted while creating the disk clone", e);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // best effort: a leftover clone is found again by its job name at clean-up
        }
    }
}
