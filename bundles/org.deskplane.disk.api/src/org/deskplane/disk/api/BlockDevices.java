package org.deskplane.disk.api;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** The two devices every layer needs: a plain file, and a window onto another device. */
public final class BlockDevices {

    private BlockDevices() {
    }

    /** Opens {@code file} read-only as a device of its own length (a raw image). Closing closes the file. */
    public static BlockDevice file(Path file) throws IOException {
        FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
        long size = channel.size();
        return new BlockDevice() {
            @Override
            public long size() {
                return size;
            }

            @Override
            public void read(long offset, byte[] buffer, int bufferOffset, int length) throws IOException {
                checkRange(this, offset, length);
                ByteBuffer target = ByteBuffer.wrap(buffer, bufferOffset, length);
                long position = offset;
                while (target.hasRemaining()) {
                    int n = channel.read(target, position);
                    if (n < 0) {
                        throw new EOFException(describe() + ": file ended at " + position + " (it shrank?)");
                    }
                    position += n;
                }
            }

            @Override
            public String describe() {
                return file.toString();
            }

            @Override
            public void close() throws IOException {
                channel.close();
            }
        };
    }

    /**
     * {@code bytes} as a device (images built or mutated in memory, e.g. by tests); the array is not copied.
     *
     * @since 1.1
     */
    public static BlockDevice memory(byte[] bytes, String description) {
        return new BlockDevice() {
            @Override
            public long size() {
                return bytes.length;
            }

            @Override
            public void read(long offset, byte[] buffer, int bufferOffset, int length) throws IOException {
                checkRange(this, offset, length);
                System.arraycopy(bytes, (int) offset, buffer, bufferOffset, length);
            }

            @Override
            public String describe() {
                return description;
            }

            @Override
            public void close() {
                // nothing to release
            }
        };
    }

    /**
     * The bytes {@code [offset, offset + length)} of {@code device} as a device of its own; closing it leaves
     * {@code device} open.
     *
     * @throws DiskFormatException when the window does not lie within the device
     */
    public static BlockDevice slice(BlockDevice device, long offset, long length, String description)
            throws DiskFormatException {
        if (offset < 0 || length < 0 || offset > device.size() || length > device.size() - offset) {
            throw new DiskFormatException(description + " [" + offset + ", +" + length + ") lies outside "
                    + device.describe() + " (" + device.size() + " bytes)");
        }
        return new BlockDevice() {
            @Override
            public long size() {
                return length;
            }

            @Override
            public void read(long at, byte[] buffer, int bufferOffset, int count) throws IOException {
                checkRange(this, at, count);
                device.read(offset + at, buffer, bufferOffset, count);
            }

            @Override
            public String describe() {
                return description + " of " + device.describe();
            }

            @Override
            public void close() {
                // the underlying device belongs to whoever opened it
            }
        };
    }

    /** Throws {@link EOFException} unless {@code [offset, offset + length)} lies within the device. */
    public static void checkRange(BlockDevice device, long offset, int length) throws EOFException {
        if (offset < 0 || length < 0 || offset > device.size() || length > device.size() - offset) {
            throw new EOFException(device.describe() + ": read of " + length + " bytes at " + offset
                    + " is outside its " + device.size() + " bytes");
        }
    }
}
