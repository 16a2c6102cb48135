package org.deskplane.layers.chunking;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Cuts a byte stream into content-defined chunks with a gear rolling hash: a cut point depends only on the 64
 * bytes before it, so the same content yields the same chunks wherever it sits in a file. Sizes are bounded by
 * {@code min} and {@code max}; the average is about {@code min + avg}. Thread-safe (no state between calls).
 */
public final class Chunker {

    /** 64 KiB minimum, ~256 KiB typical, 2 MiB maximum: small enough for a 1-byte edit, large enough to stream fast. */
    public static final Chunker DEFAULT = new Chunker(64 * 1024, 256 * 1024, 2 * 1024 * 1024);

    private static final long[] GEAR = gearTable();

    private final int min;
    private final int max;
    private final long mask;

    /**
     * @param min smallest chunk (except the last of a stream)
     * @param avg typical distance from {@code min} to the cut; rounded to a power of two
     * @param max largest chunk; at most 16 MiB
     */
    public Chunker(int min, int avg, int max) {
        if (min < 64 || avg < 64 || max < min || max > 16 * 1024 * 1024) {
            throw new IllegalArgumentException("chunk sizes out of range: min " + min + ", avg " + avg + ", max " + max);
        }
        this.min = min;
        this.max = max;
        int bits = 63 - Long.numberOfLeadingZeros(avg);
        // the top bits of the gear hash depend on the last 64 bytes; the low ones only on the last few
        this.mask = -1L << (64 - bits);
    }

    public int maxChunkSize() {
        return max;
    }

    /** Reads {@code in} to its end and hands every chunk, with its SHA-256 id, to {@code sink} in order. */
    public void split(InputStream in, ChunkSink sink) throws IOException {
        byte[] buffer = new byte[max];
        int filled = 0;
        boolean eof = false;
        MessageDigest sha = sha256();
        while (true) {
            while (!eof && filled < max) {
                int n = in.read(buffer, filled, max - filled);
                if (n < 0) {
                    eof = true;
                } else {
                    filled += n;
                }
            }
            if (filled == 0) {
                return;
            }
            int cut = cutPoint(buffer, filled);
            sha.update(buffer, 0, cut);
            sink.chunk(HexFormat.of().formatHex(sha.digest()), buffer, 0, cut);
            System.arraycopy(buffer, cut, buffer, 0, filled - cut);
            filled -= cut;
        }
    }

    /** Where the next chunk of {@code buffer[0..length)} ends. */
    int cutPoint(byte[] buffer, int length) {
        if (length <= min) {
            return length; // only at the end of the stream: the buffer is refilled to max otherwise
        }
        long hash = 0;
        int end = Math.min(length, max);
        // the hash warms up over the 64 bytes before min, so a cut never depends on bytes of the previous chunk
        for (int i = Math.max(0, min - 64); i < end; i++) {
            hash = (hash << 1) + GEAR[buffer[i] & 0xff];
            if (i >= min && (hash & mask) == 0) {
                return i + 1;
            }
        }
        return end; // no cut point: the maximum, or the end of the stream
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no SHA-256", e);
        }
    }

    /** Fixed pseudo-random table (SplitMix64 from a constant seed): every party must cut at the same places. */
    private static long[] gearTable() {
        long[] table = new long[256];
        long state = 0x6465736b706c616eL; // "deskplan"
        for (int i = 0; i < table.length; i++) {
            state += 0x9E3779B97F4A7C15L;
            long z = state;
            z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
            z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
            table[i] = z ^ (z >>> 31);
        }
        return table;
    }
}
