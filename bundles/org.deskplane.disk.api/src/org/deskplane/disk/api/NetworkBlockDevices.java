package org.deskplane.disk.api;

import java.io.IOException;
import java.nio.file.Path;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Opens disks served over the Network Block Device protocol, as hypervisors export point-in-time views of running
 * VMs' disks. The device reads the export's bytes on demand; closing it disconnects.
 *
 * @since 1.2
 */
@ProviderType
public interface NetworkBlockDevices {

    /**
     * Connects to the NBD server listening on the Unix socket {@code socket} and opens its export
     * {@code exportName} read-only.
     *
     * @throws IOException when the server cannot be reached, has no such export or does not speak NBD
     */
    BlockDevice open(Path socket, String exportName) throws IOException;
}
