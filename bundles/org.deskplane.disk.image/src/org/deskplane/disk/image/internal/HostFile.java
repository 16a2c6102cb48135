package org.deskplane.disk.image.internal;

import java.io.IOException;
import java.nio.file.Path;

import org.deskplane.disk.api.BlockDevice;
import org.deskplane.disk.api.BlockDevices;
import org.deskplane.disk.api.DiskFormatException;

/**
 * The container file of an image: reads of named structures whose offsets came from the image, refused with a
 * DiskFormatException naming the structure when they do not lie within the file.
 */
public final class HostFile implements AutoCloseable {

    private final BlockDevice file;
    private final Path path;
    private final String format;

    public HostFile(Path path, String format) throws IOException {
        this.path = path;
        this.format = format;
        this.file = BlockDevices.file(path);
    }

    public Path path() {
        return path;
    }

    public long size() {
        return file.size();
    }

    /** "qcow2 /x/a.qcow2", for messages. */
    public String describe() {
        return format + " " + path;
    }

    /** Reads {@code length} bytes of {@code structure} at {@code offset}, which must lie within the file. */
    public void read(String structure, long offset, byte[] buffer, int bufferOffset, int length) throws IOException {
        if (offset < 0 || length < 0 || offset > file.size() || length > file.size() - offset) {
            throw new DiskFormatException(describe() + ": " + structure + " at offset 0x" + Long.toHexString(offset)
                    + " (" + length + " bytes) lies beyond the end of the file (" + file.size() + " bytes)");
        }
        file.read(offset, buffer, bufferOffset, length);
    }

    /** Reads a whole structure into a new array; {@code length} must already be bounded by the caller. */
    public byte[] read(String structure, long offset, int length) throws IOException {
        byte[] bytes = new byte[length];
        read(structure, offset, bytes, 0, length);
        return bytes;
    }

    /** The device over the whole file, for raw extents. */
    public BlockDevice device() {
        return file;
    }

    @Override
    public void close() throws IOException {
        file.close();
    }
}
