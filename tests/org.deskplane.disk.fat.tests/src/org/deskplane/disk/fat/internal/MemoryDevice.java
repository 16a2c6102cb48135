package org.deskplane.disk.fat.internal;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

import org.deskplane.disk.api.BlockDevice;
import org.deskplane.disk.api.BlockDevices;

/**
 * An image held in memory, optionally shortened, with some bytes overwritten (kept aside, so a fuzz iteration
 * costs no copy of the image).
 */
final class MemoryDevice implements BlockDevice {

    private final byte[] image;
    private final long size;
    private final Map<Long, Byte> patches = new HashMap<>();

    MemoryDevice(byte[] image) {
        this(image, image.length);
    }

    MemoryDevice(byte[] image, long size) {
        this.image = image;
        this.size = size;
    }

    MemoryDevice patch(long offset, int value) {
        patches.put(offset, (byte) value);
        return this;
    }

    MemoryDevice patch16(long offset, int value) {
        return patch(offset, value & 0xFF).patch(offset + 1, value >> 8 & 0xFF);
    }

    MemoryDevice patch32(long offset, long value) {
        return patch16(offset, (int) (value & 0xFFFF)).patch16(offset + 2, (int) (value >> 16 & 0xFFFF));
    }

    int byteAt(long offset) {
        Byte patched = patches.get(offset);
        return (patched != null ? patched : image[(int) offset]) & 0xFF;
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public void read(long offset, byte[] buffer, int bufferOffset, int length) throws IOException {
        BlockDevices.checkRange(this, offset, length);
        System.arraycopy(image, (int) offset, buffer, bufferOffset, length);
        for (Map.Entry<Long, Byte> p : patches.entrySet()) {
            long at = p.getKey();
            if (at >= offset && at < offset + length) {
                buffer[bufferOffset + (int) (at - offset)] = p.getValue();
            }
        }
    }

    @Override
    public String describe() {
        return "test image in memory";
    }

    @Override
    public void close() {
        // nothing to release
    }
}
