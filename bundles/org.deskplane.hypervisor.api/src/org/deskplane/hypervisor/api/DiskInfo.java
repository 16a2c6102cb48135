package org.deskplane.hypervisor.api;

import java.util.List;

/**
 * A disk or removable-media drive of a VM.
 *
 * @param target       the guest device name (vda, hdc …)
 * @param device       {@code disk}, {@code cdrom} or {@code floppy}
 * @param bus          virtio, sata, ide … (may be null)
 * @param path         the image or media on the host; null for an empty drive
 * @param format       the image format (raw, qcow2 …); null when unknown
 * @param readOnly     whether the guest sees it read-only
 * @param backingChain the images below this one, nearest first (qcow2 overlays); empty when none
 */
public record DiskInfo(String target, String device, String bus, String path, String format, boolean readOnly,
        List<BackingImage> backingChain) {

    public DiskInfo {
        backingChain = backingChain == null ? List.of() : List.copyOf(backingChain);
    }

    public boolean isCdrom() {
        return "cdrom".equals(device);
    }

    /** One image of a backing chain. */
    public record BackingImage(String path, String format) {
    }
}
