package org.deskplane.disk.api;

import java.io.IOException;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Read-only, random-access bytes: an image's guest-visible contents, a partition, a whole file. Reads are
 * positional and may run from several threads at once. Closing a device closes what it was made from only
 * where it owns it (an image device closes its file and backing chain; a slice closes nothing).
 */
@ConsumerType
public interface BlockDevice extends AutoCloseable {

    /** The size in bytes. */
    long size();

    /**
     * Reads exactly {@code length} bytes at {@code offset} into {@code buffer[bufferOffset…]}.
     *
     * @throws java.io.EOFException when the range does not lie within {@link #size()}
     * @throws DiskFormatException when the bytes cannot be produced because the image is corrupt
     */
    void read(long offset, byte[] buffer, int bufferOffset, int length) throws IOException;

    /** Where the bytes come from, for error messages ("qcow2 /var/lib/…/a.qcow2", "partition 2 of …"). */
    String describe();

    @Override
    void close() throws IOException;
}
