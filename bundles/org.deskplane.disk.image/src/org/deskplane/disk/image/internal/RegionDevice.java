package org.deskplane.disk.image.internal;

import java.io.IOException;

import org.deskplane.disk.api.BlockDevice;
import org.deskplane.disk.api.BlockDevices;

/** A window of an image's own file that owns the file: closing the device closes it (a fixed VHD's data). */
public final class RegionDevice implements BlockDevice {

    private final HostFile file;
    private final long offset;
    private final long size;

    public RegionDevice(HostFile file, long offset, long size) {
        this.file = file;
        this.offset = offset;
        this.size = size;
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public void read(long at, byte[] buffer, int bufferOffset, int length) throws IOException {
        BlockDevices.checkRange(this, at, length);
        file.read("data", offset + at, buffer, bufferOffset, length);
    }

    @Override
    public String describe() {
        return file.describe();
    }

    @Override
    public void close() throws IOException {
        file.close();
    }
}
