package org.deskplane.disk.image.internal;

import java.io.EOFException;
import java.io.IOException;
import java.util.Objects;

import org.deskplane.disk.api.BlockDevice;
import org.deskplane.disk.api.BlockDevices;
import org.deskplane.disk.api.DiskFormatException;

/**
 * Base of the image devices: checks the requested range, splits reads at the format's allocation unit (cluster,
 * grain, block) and turns any RuntimeException caused by bad image bytes into a DiskFormatException, so a corrupt
 * image can never leak an ArrayIndexOutOfBounds to a caller.
 */
public abstract class ImageDevice implements BlockDevice {

    private final String description;
    private final long size;
    private final long unit;

    protected ImageDevice(String description, long size, long unit) {
        this.description = description;
        this.size = size;
        this.unit = unit;
    }

    @Override
    public final long size() {
        return size;
    }

    @Override
    public final String describe() {
        return description;
    }

    @Override
    public final void read(long offset, byte[] buffer, int bufferOffset, int length) throws IOException {
        BlockDevices.checkRange(this, offset, length);
        Objects.checkFromIndexSize(bufferOffset, length, buffer.length);
        try {
            long position = offset;
            int done = 0;
            while (done < length) {
                long inUnit = position % unit;
                int n = (int) Math.min(length - done, unit - inUnit);
                readUnit(position / unit, inUnit, buffer, bufferOffset + done, n);
                position += n;
                done += n;
            }
        } catch (DiskFormatException | EOFException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new DiskFormatException(description + ": corrupt image (" + e + ")", e);
        }
    }

    /** Reads {@code length} bytes starting {@code offsetInUnit} bytes into allocation unit {@code index}. */
    protected abstract void readUnit(long index, long offsetInUnit, byte[] buffer, int bufferOffset, int length)
            throws IOException;
}
