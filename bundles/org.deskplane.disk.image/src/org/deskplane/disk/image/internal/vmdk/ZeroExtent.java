package org.deskplane.disk.image.internal.vmdk;

import java.util.Arrays;

/** A ZERO extent: sectors that read as zeros and are stored nowhere. */
final class ZeroExtent implements Extent {

    private final long size;

    ZeroExtent(long size) {
        this.size = size;
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public void read(long offset, byte[] buffer, int bufferOffset, int length) {
        Arrays.fill(buffer, bufferOffset, bufferOffset + length, (byte) 0);
    }

    @Override
    public void close() {
        // nothing held
    }
}
