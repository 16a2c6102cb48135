package org.deskplane.vmdiff.store.internal;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.deskplane.vmdiff.api.ClusterEntry;

/**
 * The cluster index of a generation: magic, version, count, then per cluster its guest index, whether it is a zero
 * cluster, and the SHA-256 of its data. Sorted by guest index; read with every field checked.
 */
public final class ClusterIndex {
    private static final int MAGIC = 0x44505643; // "DPVC"
    private static final int ENTRY_BYTES = 8 + 1 + 32;

    private ClusterIndex() {
    }

    public static byte[] encode(List<ClusterEntry> entries) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(16 + entries.size() * ENTRY_BYTES);
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(MAGIC);
        out.writeInt(1);
        out.writeLong(entries.size());
        for (ClusterEntry entry : entries) {
            out.writeLong(entry.guestIndex());
            out.writeBoolean(entry.zero());
            out.write(entry.zero() ? new byte[32] : entry.sha256());
        }
        out.flush();
        return bytes.toByteArray();
    }

    /** The largest index of a disk of {@code maxClusters} clusters: a bigger file is refused before it is read. */
    public static long maxBytes(long maxClusters) {
        return 16 + maxClusters * ENTRY_BYTES;
    }

    /**
     * Decodes an index of at most {@code maxClusters} entries (the generation's virtual size in clusters), from the
     * same bytes whose hash the caller has checked; {@code file} only names it in errors.
     */
    public static List<ClusterEntry> decode(byte[] bytes, Path file, long maxClusters) throws IOException {
        long size = bytes.length;
        try (InputStream in = new java.io.ByteArrayInputStream(bytes)) {
            DataInputStream data = new DataInputStream(in);
            if (data.readInt() != MAGIC || data.readInt() != 1) {
                throw new IOException(file + " is not a cluster index");
            }
            long count = data.readLong();
            if (count < 0 || count > maxClusters || size != 16 + count * ENTRY_BYTES) {
                throw new IOException(file + ": " + count + " clusters do not fit the index's size or the disk");
            }
            List<ClusterEntry> entries = new ArrayList<>((int) count);
            long previous = -1;
            for (long i = 0; i < count; i++) {
                long index = data.readLong();
                boolean zero = data.readBoolean();
                byte[] hash = new byte[32];
                data.readFully(hash);
                if (index <= previous || index >= maxClusters) {
                    throw new IOException(file + ": cluster " + index + " out of order or beyond the disk");
                }
                previous = index;
                entries.add(new ClusterEntry(index, zero, zero ? new byte[0] : hash));
            }
            return entries;
        }
    }
}
