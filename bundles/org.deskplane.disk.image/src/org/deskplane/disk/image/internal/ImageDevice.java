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
                int n = readSpan(position, buffer, bufferOffset + done, length - done);
                if (n <= 0 || n > length - done) {
                    throw new IllegalStateException(description + ": a span read produced " + n + " bytes");
                }
                position += n;
                done += n;
            }
        } catch (DiskFormatException | EOFException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new DiskFormatException(description + ": corrupt image (" + e + ")", e);
        }
    }

    /**
     * Reads the first bytes of {@code [offset, offset + length)}: at least one, at most {@code length}; returns how
     * many. By default up to the end of the allocation unit holding {@code offset}; a format overrides this to
     * serve several units in one host read when they lie one after another in the file.
     */
    protected int readSpan(long offset, byte[] buffer, int bufferOffset, int length) throws IOException {
        long inUnit = offset % unit;
        int n = (int) Math.min(length, unit - inUnit);
        readUnit(offset / unit, inUnit, buffer, bufferOffset, n);
        return n;
    }

    /** Reads {@code length} bytes starting {@code offsetInUnit} bytes into allocation unit {@code index}. */
    protected abstract void readUnit(long index, long offsetInUnit, byte[] buffer, int bufferOffset, int length)
            throws IOException;
}
