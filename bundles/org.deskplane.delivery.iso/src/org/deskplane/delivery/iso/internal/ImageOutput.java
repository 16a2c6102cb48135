package org.deskplane.delivery.iso.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import org.deskplane.delivery.iso.IsoProgress;

/**
 * The channel an image goes to, counting bytes and reporting progress every {@value #REPORT_EVERY} bytes.
 * File data is copied with {@link FileChannel#transferTo} when the target is a file (the kernel copies,
 * no Java buffer), else through one bounded buffer.
 */
final class ImageOutput {

    static final int REPORT_EVERY = 4 << 20;
    private static final int COPY_CHUNK = 8 << 20;
    private static final int BUFFER = 1 << 20;
    private static final ByteBuffer ZEROS = ByteBuffer.allocate(IsoFormat.SECTOR);

    private final WritableByteChannel out;
    private final FileChannel fileOut;
    private final IsoProgress progress;
    private final long total;
    private long written;
    private long reported;
    private ByteBuffer buffer;

    ImageOutput(WritableByteChannel out, IsoProgress progress, long total) {
        this.out = out;
        this.fileOut = out instanceof FileChannel file ? file : null;
        this.progress = progress == null ? IsoProgress.NONE : progress;
        this.total = total;
    }

    long written() {
        return written;
    }

    void write(ByteBuffer bytes) throws IOException {
        while (bytes.hasRemaining()) {
            int n = out.write(bytes);
            count(n);
        }
    }

    void zeros(int count) throws IOException {
        while (count > 0) {
            ByteBuffer zeros = ZEROS.duplicate().limit(Math.min(count, IsoFormat.SECTOR));
            count -= zeros.remaining();
            write(zeros);
        }
    }

    /** Exactly {@code size} bytes of {@code source}, which must have that size still. */
    void copy(Path source, long size) throws IOException {
        try (FileChannel in = FileChannel.open(source, StandardOpenOption.READ)) {
            if (in.size() != size) {
                throw new IOException("source file changed size since it was added (" + size + " then, "
                        + in.size() + " now): " + source);
            }
            long position = 0;
            while (position < size) {
                long chunk = Math.min(COPY_CHUNK, size - position);
                long n = fileOut != null ? in.transferTo(position, chunk, fileOut) : viaBuffer(in, position, chunk);
                if (n <= 0) {
                    throw new IOException("source file ended at " + position + " of " + size + " bytes: " + source);
                }
                position += n;
                count(n);
            }
        }
    }

    private long viaBuffer(FileChannel in, long position, long chunk) throws IOException {
        if (buffer == null) {
            buffer = ByteBuffer.allocateDirect(BUFFER);
        }
        buffer.clear().limit((int) Math.min(BUFFER, chunk));
        int n = in.read(buffer, position);
        if (n <= 0) {
            return n;
        }
        buffer.flip();
        while (buffer.hasRemaining()) {
            out.write(buffer);
        }
        return n;
    }

    void finish() {
        progress.written(written, total);
    }

    private void count(long n) {
        written += n;
        if (written - reported >= REPORT_EVERY) {
            reported = written;
            progress.written(written, total);
        }
    }
}
