package org.deskplane.vmdiff.qcow2.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;

import org.deskplane.vmdiff.qcow2.Qcow2Exception;

/**
 * A qcow2 file opened for reading, with its length taken once at open: every read is checked against that
 * length first, so a bad offset in the image becomes a {@link Qcow2Exception} instead of a short read.
 */
public final class HostFile implements AutoCloseable {

    private final Path path;
    private final FileChannel channel;
    private final long length;

    private HostFile(Path path, FileChannel channel, long length) {
        this.path = path;
        this.channel = channel;
        this.length = length;
    }

    public static HostFile open(Path path) throws IOException {
        FileChannel channel = FileChannel.open(path);
        try {
            return new HostFile(path, channel, channel.size());
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    public long length() {
        return length;
    }

    /** The file's name for error messages. */
    public String describe() {
        return path.toString();
    }

    /** A {@link Qcow2Exception} whose message starts with this file's name. */
    public Qcow2Exception problem(String message) {
        return new Qcow2Exception(describe() + ": " + message);
    }

    /** Whether {@code [offset, offset + size)} lies inside the file. */
    public boolean contains(long offset, long size) {
        return offset >= 0 && size >= 0 && offset <= length && size <= length - offset;
    }

    /** Reads exactly {@code dst.remaining()} bytes at {@code offset}, which must lie inside the file. */
    public void readFully(long offset, ByteBuffer dst, String what) throws IOException {
        if (!contains(offset, dst.remaining())) {
            throw problem(what + " at offset " + offset + " (" + dst.remaining()
                    + " bytes) lies beyond the end of the file (" + length + " bytes)");
        }
        long at = offset;
        while (dst.hasRemaining()) {
            int n = channel.read(dst, at);
            if (n < 0) {
                // the file shrank after it was opened
                throw problem(what + " at offset " + at + ": unexpected end of file");
            }
            at += n;
        }
    }

    /** Reads {@code size} bytes at {@code offset} into a new big-endian buffer (size already bounded by the caller). */
    public ByteBuffer read(long offset, int size, String what) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(size);
        readFully(offset, buffer, what);
        return buffer.flip();
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
