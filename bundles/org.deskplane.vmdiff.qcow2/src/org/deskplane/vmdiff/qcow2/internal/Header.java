package org.deskplane.vmdiff.qcow2.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Optional;

/**
 * The parts of a qcow2 header (version 2 or 3) that the allocation map needs, read by {@link HeaderReader} and
 * already checked against the file length and the limits in {@link Limits}.
 *
 * @param l1Entries the L1 entries that cover the virtual size (the table may be longer; the rest is unused)
 */
public record Header(int version, int clusterBits, long virtualSize, long l1Offset, int l1Entries,
        Optional<String> backingFile, Optional<String> backingFormat) {

    public int clusterSize() {
        return 1 << clusterBits;
    }

    /** Guest clusters: the virtual size rounded up. */
    public long clusterCount() {
        return Math.ceilDiv(virtualSize, clusterSize());
    }

    /** Entries in one L2 table (standard 8-byte entries). */
    public int l2Entries() {
        return clusterSize() / 8;
    }

    public static Header read(HostFile file) throws IOException {
        return HeaderReader.read(file);
    }

    /** Convenience for reading a big-endian unsigned 32-bit field. */
    static long u32(ByteBuffer buffer, int offset) {
        return Integer.toUnsignedLong(buffer.getInt(offset));
    }
}
