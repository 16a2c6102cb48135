package org.deskplane.vmdiff.qcow2;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;

import org.deskplane.vmdiff.qcow2.internal.HeaderEncoder;
import org.deskplane.vmdiff.qcow2.internal.L2Entry;
import org.deskplane.vmdiff.qcow2.internal.L2Tables;
import org.deskplane.vmdiff.qcow2.internal.Limits;
import org.deskplane.vmdiff.qcow2.internal.RefcountLayout;

/**
 * Writes a new qcow2 v3 file cluster by cluster; the file is complete only after {@link #finish()}.
 * <p>
 * Data clusters are appended to the file in the order they come (any guest order); memory holds only the L2
 * tables (8 bytes per guest cluster of each range that has an entry). {@link #finish()} appends the L2 tables,
 * the L1 table, the refcount blocks and table (every cluster has refcount 1) and finally writes the header
 * cluster, so a file left by a crash or by {@link #close()} without finish has no valid header. The writer makes
 * no temp files: the caller writes into a temp path and renames. Not thread-safe.
 */
public final class Qcow2Writer implements AutoCloseable {

    private final FileChannel channel;
    private final int clusterSize;
    private final long clusterCount;
    private final int l1Entries;
    private final HeaderEncoder header;
    private final L2Tables l2;
    /** Cluster 0 is the header, written last. */
    private long nextCluster = 1;
    private boolean finished;
    private boolean closed;

    private Qcow2Writer(FileChannel channel, int clusterSize, long virtualSize, int l1Entries, HeaderEncoder header) {
        this.channel = channel;
        this.clusterSize = clusterSize;
        this.clusterCount = Math.ceilDiv(virtualSize, clusterSize);
        this.l1Entries = l1Entries;
        this.header = header;
        this.l2 = new L2Tables(clusterSize);
    }

    /**
     * Creates (or truncates) {@code file}.
     *
     * @param clusterSize a power of two from 512 to 2 MiB
     * @param backingFile the backing file name to store, or null for an image without backing file
     * @param backingFormat the backing file's format ("raw", "qcow2"), or null to let qemu probe it
     * @throws IllegalArgumentException for sizes or names qemu would not accept
     */
    public static Qcow2Writer create(Path file, long virtualSize, int clusterSize, String backingFile,
            String backingFormat) throws IOException {
        if (Integer.bitCount(clusterSize) != 1 || clusterSize < 1 << Limits.MIN_CLUSTER_BITS
                || clusterSize > 1 << Limits.MAX_CLUSTER_BITS) {
            throw new IllegalArgumentException("cluster size " + clusterSize + " is not a power of two from "
                    + (1 << Limits.MIN_CLUSTER_BITS) + " to " + (1 << Limits.MAX_CLUSTER_BITS));
        }
        if (virtualSize < 0 || virtualSize > Limits.MAX_VIRTUAL_SIZE) {
            throw new IllegalArgumentException("virtual size " + virtualSize + " is out of range");
        }
        int clusterBits = Integer.numberOfTrailingZeros(clusterSize);
        long l1Entries = Limits.l1EntriesFor(virtualSize, clusterBits);
        if (l1Entries > Limits.MAX_L1_ENTRIES) {
            throw new IllegalArgumentException("virtual size " + virtualSize + " needs an L1 table of " + l1Entries
                    + " entries, more than qemu's limit of " + Limits.MAX_L1_ENTRIES + "; use larger clusters");
        }
        HeaderEncoder header = new HeaderEncoder(clusterBits, virtualSize, backingFile, backingFormat);
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING);
        return new Qcow2Writer(channel, clusterSize, virtualSize, (int) l1Entries, header);
    }

    /**
     * Appends one data cluster: consumes exactly clusterSize bytes from {@code data}.
     *
     * @throws IllegalArgumentException when guestIndex is outside the image or was already written, or data does
     *             not hold exactly clusterSize bytes
     */
    public void writeCluster(long guestIndex, ByteBuffer data) throws IOException {
        checkWritable(guestIndex);
        if (data.remaining() != clusterSize) {
            throw new IllegalArgumentException("cluster data has " + data.remaining() + " bytes, not " + clusterSize);
        }
        long offset = nextCluster * clusterSize;
        writeFully(data, offset);
        nextCluster++;
        l2.set(guestIndex, offset | L2Entry.COPIED);
    }

    /** Marks one guest cluster as reading zeros, hiding the backing file there (v3 zero flag, no data). */
    public void zeroCluster(long guestIndex) throws IOException {
        checkWritable(guestIndex);
        l2.set(guestIndex, L2Entry.ZERO_FLAG);
    }

    /** Writes L2 tables, L1, refcount table and blocks, header (+ backing format extension); forces to disk. */
    public void finish() throws IOException {
        checkOpen();
        long[] l1 = new long[l1Entries];
        for (Map.Entry<Integer, long[]> table : l2.byL1Index()) {
            long offset = nextCluster * clusterSize;
            writeFully(toBytes(table.getValue(), clusterSize), offset);
            nextCluster++;
            l1[table.getKey()] = offset | L2Entry.COPIED;
        }
        long l1Offset = nextCluster * clusterSize;
        long l1Clusters = Math.max(1, Math.ceilDiv(l1Entries * 8L, clusterSize));
        writeFully(toBytes(l1, (int) (l1Clusters * clusterSize)), l1Offset);
        nextCluster += l1Clusters;

        RefcountLayout refcounts = RefcountLayout.plan(nextCluster, clusterSize);
        writeRefcounts(refcounts);
        long tableOffset = refcounts.tableCluster() * clusterSize;
        writeFully(header.encode(l1Offset, l1Entries, tableOffset, refcounts.tableClusters()), 0);
        channel.force(true);
        finished = true;
    }

    private void writeRefcounts(RefcountLayout layout) throws IOException {
        long perBlock = RefcountLayout.refcountsPerBlock(clusterSize);
        long total = layout.totalClusters();
        long[] table = new long[(int) (layout.tableClusters() * clusterSize / 8)];
        ByteBuffer block = ByteBuffer.allocate(clusterSize);
        for (long b = 0; b < layout.blocks(); b++) {
            long blockCluster = layout.firstBlockCluster() + b;
            long first = b * perBlock;
            for (int i = 0; i < perBlock; i++) {
                block.putShort(i * 2, (short) (first + i < total ? 1 : 0));
            }
            writeFully(block.clear(), blockCluster * clusterSize);
            table[(int) b] = blockCluster * clusterSize;
        }
        writeFully(toBytes(table, table.length * 8), layout.tableCluster() * clusterSize);
    }

    /** Closes the file; without {@link #finish()} it is incomplete (no header) and the caller deletes it. */
    @Override
    public void close() throws IOException {
        closed = true;
        channel.close();
    }

    private void checkWritable(long guestIndex) {
        checkOpen();
        if (guestIndex < 0 || guestIndex >= clusterCount) {
            throw new IllegalArgumentException("guest cluster " + guestIndex + " outside 0.." + (clusterCount - 1));
        }
        if (l2.isSet(guestIndex)) {
            throw new IllegalArgumentException("guest cluster " + guestIndex + " was already written");
        }
    }

    private void checkOpen() {
        if (closed || finished) {
            throw new IllegalStateException(finished ? "image already finished" : "writer is closed");
        }
    }

    private void writeFully(ByteBuffer data, long offset) throws IOException {
        long at = offset;
        while (data.hasRemaining()) {
            at += channel.write(data, at);
        }
    }

    private static ByteBuffer toBytes(long[] entries, int size) {
        ByteBuffer bytes = ByteBuffer.allocate(size);
        bytes.asLongBuffer().put(entries);
        return bytes;
    }
}
