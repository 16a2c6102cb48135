package org.deskplane.disk.image.internal.vmdk;

import java.io.IOException;
import java.util.Arrays;

import org.deskplane.disk.image.internal.HostFile;

/**
 * A FLAT extent: guest bytes stored as they are in a file from a sector offset on. A flat file shorter than its
 * extent reads zeros past its end, as qemu does for a growing flat file.
 */
final class FlatExtent implements Extent {

    private final HostFile file;
    private final long start;
    private final long size;

    FlatExtent(HostFile file, long start, long size) {
        this.file = file;
        this.start = start;
        this.size = size;
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public void read(long offset, byte[] buffer, int bufferOffset, int length) throws IOException {
        long available = Math.max(0, Math.min(length, file.size() - start - offset));
        if (available > 0) {
            file.read("VMDK flat extent data", start + offset, buffer, bufferOffset, (int) available);
        }
        Arrays.fill(buffer, bufferOffset + (int) available, bufferOffset + length, (byte) 0);
    }

    @Override
    public void close() throws IOException {
        file.close();
    }
}
