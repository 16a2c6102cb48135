package org.deskplane.disk.image.internal.vmdk;

import java.io.IOException;

/** One extent of a VMDK disk: a run of guest sectors stored flat, sparse or not at all (zeros). */
interface Extent extends AutoCloseable {

    /** Its length in bytes. */
    long size();

    /** Reads bytes at {@code offset} within the extent; the range lies within {@link #size()}. */
    void read(long offset, byte[] buffer, int bufferOffset, int length) throws IOException;

    @Override
    void close() throws IOException;
}
