package org.deskplane.delivery.cdrom.internal;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

import org.deskplane.delivery.api.DeliveryException;
import org.deskplane.delivery.api.DeliveryException.Reason;
import org.deskplane.delivery.spi.AttachContext;
import org.deskplane.delivery.spi.Attachment;
import org.deskplane.delivery.spi.DeliveryMethod;
import org.deskplane.delivery.spi.HypervisorFailures;
import org.deskplane.delivery.spi.MediaLocation;
import org.deskplane.delivery.spi.VmTarget;
import org.deskplane.hypervisor.api.DiskInfo;
import org.deskplane.hypervisor.api.HypervisorException;
import org.deskplane.hypervisor.api.VmInfo;
import org.deskplane.hypervisor.api.VmState;
import org.osgi.service.component.annotations.Component;

/**
 * Inserts the payload's ISO into the VM's first empty CD-ROM drive; the guest finds it by volume label. On a VM that
 * is off the insert goes into its persistent definition (the hypervisor's own rule), so the disc is there when it
 * starts. Detach ejects only a drive still holding this payload's image: never someone else's disc.
 */
@Component(service = DeliveryMethod.class, property = DeliveryMethod.NAME_PROPERTY + "=" + CdromDelivery.NAME)
public final class CdromDelivery implements DeliveryMethod {
    static final String NAME = "cdrom";
    static final String TARGET = "target";
    static final String IMAGE = "image";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String unusableReason(VmTarget vm, boolean forNextStart) {
        VmInfo info = vm.info();
        if (!forNextStart && info.state() != VmState.RUNNING) {
            return "VM is not running";
        }
        if (info.disks().stream().noneMatch(DiskInfo::isCdrom)) {
            return "VM has no CD-ROM drive";
        }
        return emptyDrive(info) == null ? "every CD-ROM drive of the VM holds a disc" : null;
    }

    @Override
    public Attachment attach(VmTarget vm, AttachContext context) throws DeliveryException {
        String why = unusableReason(vm, vm.info().state() != VmState.RUNNING);
        if (why != null) {
            throw new DeliveryException(Reason.NOT_SUPPORTED, "cdrom: " + why);
        }
        DiskInfo drive = emptyDrive(vm.info());
        Path image = context.repository().image(context.payload().ref(), bytes -> {
        });
        try {
            vm.connection().insertMedia(vm.uuid(), drive.target(), image.toString());
        } catch (HypervisorException e) {
            throw HypervisorFailures.of("inserting the payload disc into " + drive.target(), e);
        }
        context.log().accept("inserted " + image.getFileName() + " (label " + context.payload().volumeLabel()
                + ") into CD-ROM drive " + drive.target());
        return new Attachment(NAME, MediaLocation.label(context.payload().volumeLabel()),
                Map.of(TARGET, drive.target(), IMAGE, image.toString()));
    }

    @Override
    public void detach(VmTarget vm, Attachment attachment) throws DeliveryException {
        for (DiskInfo drive : drivesHolding(vm.info(), attachment)) {
            try {
                vm.connection().ejectMedia(vm.uuid(), drive.target());
            } catch (HypervisorException e) {
                if (e.kind() == HypervisorException.Kind.NOT_FOUND) {
                    return; // the VM is gone, and its drive with it
                }
                throw HypervisorFailures.of("ejecting the payload disc from " + drive.target(), e);
            }
        }
    }

    @Override
    public boolean isAttached(VmTarget vm, Attachment attachment) {
        return !drivesHolding(vm.info(), attachment).isEmpty();
    }

    /** The drives holding this attachment's image: the recorded one, or (after a crash mid-insert) any. */
    private static java.util.List<DiskInfo> drivesHolding(VmInfo info, Attachment attachment) {
        String image = attachment.handle().get(IMAGE);
        String target = attachment.handle().get(TARGET);
        return info.disks().stream().filter(DiskInfo::isCdrom)
                .filter(d -> image != null && Objects.equals(image, d.path()))
                .filter(d -> target == null || target.equals(d.target())).toList();
    }

    private static DiskInfo emptyDrive(VmInfo info) {
        return info.disks().stream().filter(DiskInfo::isCdrom).filter(d -> d.path() == null || d.path().isEmpty())
                .findFirst().orElse(null);
    }
}
