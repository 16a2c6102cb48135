package org.deskplane.layers.store.internal;

import java.io.IOException;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * The stored form of a chunk: one byte saying how it is kept (raw or deflated), for a deflated chunk its raw length
 * (four bytes, big-endian), then the bytes. A chunk is deflated only when that saves something, so incompressible
 * content (media, archives) pays one byte and no inflation on read.
 */
final class ChunkCodec {

    static final byte RAW = 0;
    static final byte DEFLATED = 1;

    /** Chunks at least this long are first judged by a sample: deflating incompressible bytes costs as much as the rest. */
    static final int SAMPLED_FROM = 32 << 10;
    private static final int SAMPLE = 8 << 10;

    /** One deflater per thread, reset between chunks: making one allocates native buffers each time. */
    private static final ThreadLocal<Deflater> DEFLATERS = ThreadLocal.withInitial(() -> new Deflater(Deflater.BEST_SPEED, true));

    private ChunkCodec() {
    }

    /** The stored form of {@code length} bytes of {@code raw}. */
    static byte[] encode(byte[] raw, int length, boolean compress) {
        if (compress && length > 64 && (length < SAMPLED_FROM || worthDeflating(raw, length / 2 - SAMPLE / 2, SAMPLE))) {
            Deflater deflater = DEFLATERS.get();
            deflater.reset();
            try {
                deflater.setInput(raw, 0, length);
                deflater.finish();
                // worth it only below 7/8 of the raw size: otherwise reads pay inflation for little
                int limit = length - length / 8;
                byte[] out = new byte[5 + limit];
                int written = 0;
                while (!deflater.finished() && 5 + written < out.length) {
                    written += deflater.deflate(out, 5 + written, out.length - 5 - written);
                }
                if (deflater.finished()) {
                    out[0] = DEFLATED;
                    out[1] = (byte) (length >>> 24);
                    out[2] = (byte) (length >>> 16);
                    out[3] = (byte) (length >>> 8);
                    out[4] = (byte) length;
                    return java.util.Arrays.copyOf(out, 5 + written);
                }
            } finally {
                deflater.reset();
            }
        }
        byte[] out = new byte[1 + length];
        out[0] = RAW;
        System.arraycopy(raw, 0, out, 1, length);
        return out;
    }

    /** Whether {@code length} bytes from {@code offset} deflate below 7/8 (media and archives do not). */
    private static boolean worthDeflating(byte[] raw, int offset, int length) {
        Deflater deflater = DEFLATERS.get();
        deflater.reset();
        try {
            deflater.setInput(raw, offset, length);
            deflater.finish();
            byte[] out = new byte[length - length / 8];
            int written = 0;
            while (!deflater.finished() && written < out.length) {
                written += deflater.deflate(out, written, out.length - written);
            }
            return deflater.finished();
        } finally {
            deflater.reset();
        }
    }

    /** The raw bytes of a stored chunk; an unknown form or a length above {@code maxBytes} is an IOException. */
    static byte[] decode(byte[] stored, int maxBytes) throws IOException {
        if (stored.length == 0) {
            throw new IOException("empty chunk file");
        }
        if (stored[0] == RAW) {
            if (stored.length - 1 > maxBytes) {
                throw new IOException("chunk larger than " + maxBytes + " bytes");
            }
            return java.util.Arrays.copyOfRange(stored, 1, stored.length);
        }
        if (stored[0] != DEFLATED || stored.length < 5) {
            throw new IOException("unknown chunk form " + stored[0]);
        }
        int length = (stored[1] & 0xff) << 24 | (stored[2] & 0xff) << 16 | (stored[3] & 0xff) << 8 | stored[4] & 0xff;
        if (length < 0 || length > maxBytes) {
            throw new IOException("chunk claims " + length + " bytes, more than " + maxBytes);
        }
        Inflater inflater = new Inflater(true);
        try {
            inflater.setInput(stored, 5, stored.length - 5);
            byte[] raw = new byte[length];
            int read = 0;
            while (read < length) {
                int n = inflater.inflate(raw, read, length - read);
                if (n == 0 && (inflater.finished() || inflater.needsInput() || inflater.needsDictionary())) {
                    break;
                }
                read += n;
            }
            if (read != length) {
                throw new IOException("chunk inflates to " + read + " bytes, not " + length);
            }
            return raw;
        } catch (DataFormatException e) {
            throw new IOException("chunk does not inflate: " + e.getMessage(), e);
        } finally {
            inflater.end();
        }
    }

}
