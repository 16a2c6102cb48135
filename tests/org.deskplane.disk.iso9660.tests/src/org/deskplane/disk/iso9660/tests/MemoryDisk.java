package org.deskplane.disk.iso9660.tests;

import java.io.IOException;

import org.deskplane.disk.api.BlockDevice;
import org.deskplane.disk.api.BlockDevices;

/** An image held in a byte array, for mutation in place. */
final class MemoryDisk implements BlockDevice {

    private final byte[] bytes;

    MemoryDisk(byte[] bytes) {
        this.bytes = bytes;
    }

    @Override
    public long size() {
        return bytes.length;
    }

    @Override
    public void read(long offset, byte[] buffer, int bufferOffset, int length) throws IOException {
        BlockDevices.checkRange(this, offset, length);
        System.arraycopy(bytes, (int) offset, buffer, bufferOffset, length);
    }

    @Override
    public String describe() {
        return "memory image";
    }

    @Override
    public void close() {
    }
}
