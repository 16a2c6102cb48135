package org.deskplane.print.raster.internal;

import java.io.IOException;
import java.io.InputStream;

import org.deskplane.print.convert.ConversionException;

/** The raster document, read through a small buffer; the end of the data where more is needed is a clear error. */
final class RasterInput {
    private final InputStream in;
    private final byte[] buffer = new byte[64 * 1024];
    private int position;
    private int limit;
    private long consumed;

    RasterInput(InputStream in) {
        this.in = in;
    }

    /** @return the next byte (0-255), or -1 at the end of the document */
    int read() throws IOException {
        if (position == limit && !fill()) {
            return -1;
        }
        consumed++;
        return buffer[position++] & 0xFF;
    }

    /** @return the next byte; the end of the document is an error naming {@code what} was being read */
    int require(String what) throws IOException, ConversionException {
        int b = read();
        if (b < 0) {
            throw truncated(what);
        }
        return b;
    }

    /**
     * Reads exactly {@code length} bytes, or none at all at the end of the document.
     *
     * @return whether the bytes were read (false: the document ended before the first)
     */
    boolean readFullyOrEnd(byte[] target, int offset, int length, String what) throws IOException, ConversionException {
        int done = 0;
        while (done < length) {
            if (position == limit && !fill()) {
                if (done == 0) {
                    return false;
                }
                throw truncated(what);
            }
            int n = Math.min(length - done, limit - position);
            System.arraycopy(buffer, position, target, offset + done, n);
            position += n;
            done += n;
            consumed += n;
        }
        return true;
    }

    void readFully(byte[] target, int offset, int length, String what) throws IOException, ConversionException {
        if (length > 0 && !readFullyOrEnd(target, offset, length, what)) {
            throw truncated(what);
        }
    }

    long consumed() {
        return consumed;
    }

    private boolean fill() throws IOException {
        int n = in.read(buffer);
        while (n == 0) {
            n = in.read(buffer);
        }
        if (n < 0) {
            return false;
        }
        position = 0;
        limit = n;
        return true;
    }

    private ConversionException truncated(String what) {
        return new ConversionException("the raster ends early (after " + consumed + " bytes, in " + what + ")");
    }
}
