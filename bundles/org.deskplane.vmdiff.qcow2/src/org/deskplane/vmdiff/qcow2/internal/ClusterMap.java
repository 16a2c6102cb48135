package org.deskplane.vmdiff.qcow2.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.LongBuffer;

import org.deskplane.vmdiff.qcow2.ClusterKind;

/**
 * The active L1 table of one qcow2 file (internal snapshots are ignored) and lookups in its L2 tables. The L1
 * table is held in memory (its size is bounded by {@link Limits#MAX_L1_ENTRIES} and the file length); L2
 * tables are read when needed.
 */
public final class ClusterMap {

    private final Header header;
    private final HostFile file;
    /** Validated L2 table offsets, 0 where no L2 table is allocated. */
    private final long[] l2Offsets;

    private ClusterMap(Header header, HostFile file, long[] l2Offsets) {
        this.header = header;
        this.file = file;
        this.l2Offsets = l2Offsets;
    }

    public static ClusterMap read(Header header, HostFile file) throws IOException {
        int entries = header.l1Entries();
        long[] l2Offsets = new long[entries];
        if (entries > 0) {
            LongBuffer l1 = file.read(header.l1Offset(), entries * 8, "L1 table").asLongBuffer();
            long clusterSize = header.clusterSize();
            for (int i = 0; i < entries; i++) {
                long offset = l1.get(i) & L2Entry.OFFSET_MASK;
                if (offset == 0) {
                    continue;
                }
                if ((offset & (clusterSize - 1)) != 0) {
                    throw file.problem("L2 table offset " + offset + " (L1 index " + i + ") is not a cluster boundary");
                }
                if (!file.contains(offset, clusterSize)) {
                    throw file.problem("L2 table at offset " + offset + " (L1 index " + i
                            + ") lies beyond the end of the file (" + file.length() + " bytes)");
                }
                l2Offsets[i] = offset;
            }
        }
        return new ClusterMap(header, file, l2Offsets);
    }

    public Header header() {
        return header;
    }

    public int l1Entries() {
        return l2Offsets.length;
    }

    /** The entry for one guest cluster, reading only its 8 bytes of the L2 table. */
    public L2Entry entry(long guestIndex) throws IOException {
        if (guestIndex < 0 || guestIndex >= header.clusterCount()) {
            throw new IllegalArgumentException("guest cluster " + guestIndex + " outside 0.." + header.clusterCount());
        }
        int l2Entries = header.l2Entries();
        long l2Offset = l2Offsets[(int) (guestIndex / l2Entries)];
        if (l2Offset == 0) {
            return L2Entry.UNALLOCATED;
        }
        long raw = file.read(l2Offset + (guestIndex % l2Entries) * 8, 8, "L2 entry").getLong(0);
        return L2Entry.decode(raw, guestIndex, header, file);
    }

    /**
     * The decoded entries of the L2 table at {@code l1Index} that lie inside the virtual size, or null when the
     * L1 entry is empty (no cluster of that range is allocated).
     */
    public L2Entry[] table(int l1Index) throws IOException {
        long l2Offset = l2Offsets[l1Index];
        if (l2Offset == 0) {
            return null;
        }
        int l2Entries = header.l2Entries();
        long first = (long) l1Index * l2Entries;
        int count = (int) Math.min(l2Entries, header.clusterCount() - first);
        LongBuffer raw = file.read(l2Offset, count * 8, "L2 table").asLongBuffer();
        L2Entry[] table = new L2Entry[count];
        for (int i = 0; i < count; i++) {
            table[i] = L2Entry.decode(raw.get(i), first + i, header, file);
        }
        return table;
    }

    /** Reads one allocated cluster's guest bytes (clusterSize bytes) into {@code dst}. */
    public void readCluster(long guestIndex, L2Entry entry, ByteBuffer dst) throws IOException {
        int clusterSize = header.clusterSize();
        ByteBuffer out = dst.slice(dst.position(), clusterSize);
        if (entry.kind() == ClusterKind.ZERO) {
            out.put(0, new byte[clusterSize]);
        } else if (entry.compressed()) {
            ByteBuffer in = file.read(entry.hostOffset(), entry.compressedLength(), "compressed cluster");
            Deflate.inflateCluster(in, out, file, guestIndex);
        } else {
            file.readFully(entry.hostOffset(), out, "data cluster");
        }
        dst.position(dst.position() + clusterSize);
    }
}
