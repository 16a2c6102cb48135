package org.deskplane.disk.api;

import java.io.IOException;
import java.nio.file.Path;

import org.osgi.annotation.versioning.ConsumerType;

/** One image container format (an OSGi service per format: raw, qcow2, vmdk, vhd…). */
@ConsumerType
public interface DiskImageFormat {

    /** The format's name as qemu-img spells it: "raw", "qcow2", "vmdk", "vpc" (VHD). */
    String name();

    /**
     * Whether the file starts like this format. {@code header} holds the file's first bytes (up to 4096, fewer
     * when the file is shorter); {@code fileSize} is the whole file's size. "raw" claims nothing here: it is
     * what is left when no other format matches.
     */
    boolean probe(byte[] header, long fileSize);

    /**
     * Opens the image read-only as its guest-visible bytes. A backing file named in the image is resolved
     * against the image's directory and opened through {@code backing}, which bounds the chain's depth and
     * refuses cycles.
     */
    BlockDevice open(Path file, BackingOpener backing) throws IOException;

    /** Opens a backing file for an image (see {@link DiskImages}). */
    @FunctionalInterface
    interface BackingOpener {
        /**
         * @param file       the backing file, already resolved to a path
         * @param formatHint the format the image names for it, or null to probe
         */
        BlockDevice open(Path file, String formatHint) throws IOException;
    }
}
