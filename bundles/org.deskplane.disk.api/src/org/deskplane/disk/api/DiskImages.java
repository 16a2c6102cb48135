package org.deskplane.disk.api;

import java.io.IOException;
import java.nio.file.Path;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Opens image files of any format that has a {@link DiskImageFormat} service: probes the format (raw when none
 * claims the file), follows backing chains to a bounded depth, and refuses a chain that comes back to a file
 * already in it.
 */
@ProviderType
public interface DiskImages {

    /** The guest-visible bytes of the image, probing its format. */
    BlockDevice open(Path image) throws IOException;

    /** The guest-visible bytes of the image in the named format (as qemu-img names it). */
    BlockDevice open(Path image, String format) throws IOException;

    /** The name of the format the image is in ("raw" when no format claims it). */
    String probe(Path image) throws IOException;
}
