package org.deskplane.vmdiff.qcow2.internal;

import org.deskplane.vmdiff.qcow2.ClusterKind;
import org.deskplane.vmdiff.qcow2.Qcow2Exception;

/**
 * One decoded, validated L2 entry: where a guest cluster's bytes are in the file, if anywhere.
 *
 * @param kind null when this file does not allocate the cluster (reads fall through to the backing file)
 * @param hostOffset the data cluster's offset, or the compressed data's offset
 * @param compressedLength bytes of deflate data to read at {@code hostOffset} (0 unless compressed; already
 *            clipped to the file's end, since qemu lets the last compressed cluster end before its last sector)
 */
public record L2Entry(ClusterKind kind, long hostOffset, int compressedLength) {

    public static final long COPIED = 1L << 63;
    public static final long COMPRESSED = 1L << 62;
    public static final long ZERO_FLAG = 1L;
    /** Bits 9..55: a standard cluster's host offset. */
    public static final long OFFSET_MASK = 0x00FF_FFFF_FFFF_FE00L;

    static final L2Entry UNALLOCATED = new L2Entry(null, 0, 0);
    static final L2Entry ZERO = new L2Entry(ClusterKind.ZERO, 0, 0);

    public boolean allocated() {
        return kind != null;
    }

    public boolean compressed() {
        return compressedLength > 0;
    }

    /** Decodes and checks {@code raw}, the entry for {@code guestIndex}, against the file and the header. */
    static L2Entry decode(long raw, long guestIndex, Header header, HostFile file) throws Qcow2Exception {
        int clusterBits = header.clusterBits();
        if ((raw & COMPRESSED) != 0) {
            return compressed(raw, guestIndex, clusterBits, file);
        }
        if ((raw & ZERO_FLAG) != 0) {
            if (header.version() < 3) {
                throw file.problem("L2 entry of guest cluster " + guestIndex + " has the zero flag in a v2 image");
            }
            // "preallocated zero" (zero flag plus an offset) still reads as zeros
            return ZERO;
        }
        long offset = raw & OFFSET_MASK;
        if (offset == 0) {
            return UNALLOCATED;
        }
        long clusterSize = 1L << clusterBits;
        if ((offset & (clusterSize - 1)) != 0) {
            throw file.problem("data cluster offset " + offset + " of guest cluster " + guestIndex
                    + " is not a cluster boundary");
        }
        if (!file.contains(offset, clusterSize)) {
            throw file.problem("data cluster of guest cluster " + guestIndex + " at offset " + offset
                    + " lies beyond the end of the file (" + file.length() + " bytes)");
        }
        return new L2Entry(ClusterKind.DATA, offset, 0);
    }

    private static L2Entry compressed(long raw, long guestIndex, int clusterBits, HostFile file)
            throws Qcow2Exception {
        // qcow2 spec: bits 0..x-1 offset, bits x..61 the count of 512-byte sectors after the first
        int x = 62 - (clusterBits - 8);
        long offset = raw & ((1L << x) - 1);
        long extraSectors = (raw >>> x) & ((1L << (clusterBits - 8)) - 1);
        long length = (extraSectors + 1) * 512 - (offset & 511);
        if (offset < (1L << clusterBits) || offset >= file.length()) {
            throw file.problem("compressed cluster descriptor of guest cluster " + guestIndex + " points to offset "
                    + offset + ", outside the file's data area (file of " + file.length() + " bytes)");
        }
        // the descriptor can only name whole sectors: the data's last sector may run past the end of the file
        long available = Math.min(length, file.length() - offset);
        return new L2Entry(ClusterKind.DATA, offset, (int) available);
    }
}
