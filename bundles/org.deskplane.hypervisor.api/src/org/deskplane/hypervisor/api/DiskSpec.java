package org.deskplane.hypervisor.api;

import java.util.Objects;

/**
 * A disk to hot-add to a VM.
 *
 * @param path     the image on the host
 * @param format   raw, qcow2 …
 * @param target   the guest device name, e.g. vdb
 * @param bus      virtio, scsi, usb … (null: virtio)
 * @param readOnly attach read-only
 */
public record DiskSpec(String path, String format, String target, String bus, boolean readOnly) {

    public DiskSpec {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(target, "target");
        format = format == null ? "raw" : format;
        bus = bus == null ? "virtio" : bus;
    }
}
