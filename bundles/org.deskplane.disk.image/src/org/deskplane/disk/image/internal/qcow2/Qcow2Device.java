package org.deskplane.disk.image.internal.qcow2;

import static org.deskplane.disk.image.internal.Bytes.be64;
import static org.deskplane.disk.image.internal.Bytes.hex;

import java.io.IOException;
import java.util.Arrays;

import org.deskplane.disk.api.BlockDevice;
import org.deskplane.disk.api.DiskFormatException;
import org.deskplane.disk.image.internal.Closer;
import org.deskplane.disk.image.internal.HostFile;
import org.deskplane.disk.image.internal.ImageDevice;
import org.deskplane.disk.image.internal.Inflation;
import org.deskplane.disk.image.internal.MetadataCache;

/**
 * The guest-visible bytes of a qcow2 image: guest offset → L1 entry → L2 table → cluster, which is either
 * allocated in the file, compressed, all zeros, or unallocated (read from the backing device, zeros past its end).
 */
final class Qcow2Device extends ImageDevice {

    private static final long OFFSET_MASK = 0x00FF_FFFF_FFFF_FE00L;
    private static final long COMPRESSED = 1L << 62;
    private static final long ZERO = 1L;
    private static final int L1_PAGE = 4096;

    private final HostFile file;
    private final Qcow2Header header;
    private final BlockDevice backing;
    private final int clusterSize;
    private final MetadataCache tables;
    private final MetadataCache inflated;

    Qcow2Device(HostFile file, Qcow2Header header, BlockDevice backing, long cacheBytes) {
        super("qcow2 " + file.path(), header.virtualSize(), header.clusterSize());
        this.file = file;
        this.header = header;
        this.backing = backing;
        this.clusterSize = (int) header.clusterSize();
        this.tables = new MetadataCache(cacheBytes);
        this.inflated = new MetadataCache(Math.max(cacheBytes / 4, clusterSize));
    }

    /** What an L2 entry makes of its cluster; runs of one kind are served together. */
    private enum Kind {
        DATA, COMPRESSED, ZERO, BACKING
    }

    private Kind kind(long l2Entry) {
        if ((l2Entry & COMPRESSED) != 0) {
            return Kind.COMPRESSED;
        }
        if (header.version() >= 3 && (l2Entry & ZERO) != 0) {
            return Kind.ZERO;
        }
        return (l2Entry & OFFSET_MASK) == 0 ? Kind.BACKING : Kind.DATA;
    }

    @Override
    protected void readUnit(long cluster, long offsetInCluster, byte[] buffer, int bufferOffset, int length)
            throws IOException {
        long offset = cluster * clusterSize + offsetInCluster;
        for (int done = 0; done < length;) {
            done += readSpan(offset + done, buffer, bufferOffset + done, length - done);
        }
    }

    /**
     * Serves the run of clusters from {@code offset} that share one L2 table and one kind — and, for data clusters,
     * lie back to back in the file — with one host read (or one fill, or one backing read); a compressed cluster
     * is one span of its own. Bulk reads of a freshly converted image thus cost one pread per L2 table's reach
     * instead of one per cluster.
     */
    @Override
    protected int readSpan(long offset, byte[] buffer, int bufferOffset, int length) throws IOException {
        long cluster = offset / clusterSize;
        int inCluster = (int) (offset % clusterSize);
        int l2Index = (int) (cluster & ((1L << header.l2Bits()) - 1));
        byte[] l2 = l2Table(cluster);
        long first = l2 == null ? 0 : be64(l2, l2Index * 8);
        Kind kind = kind(first);
        int n = (int) Math.min(length, clusterSize - inCluster);
        if (kind == Kind.COMPRESSED) {
            readCompressed(cluster, first, inCluster, buffer, bufferOffset, n);
            return n;
        }
        long expectedHost = (first & OFFSET_MASK) + clusterSize;
        for (int index = l2Index + 1; n < length && index < 1 << header.l2Bits(); index++) {
            long next = l2 == null ? 0 : be64(l2, index * 8);
            if (kind(next) != kind || (kind == Kind.DATA && (next & OFFSET_MASK) != expectedHost)) {
                break;
            }
            expectedHost += clusterSize;
            n += (int) Math.min(length - n, clusterSize);
        }
        switch (kind) {
        case ZERO -> Arrays.fill(buffer, bufferOffset, bufferOffset + n, (byte) 0);
        case BACKING -> readBacking(offset, buffer, bufferOffset, n);
        default -> {
            long hostOffset = first & OFFSET_MASK;
            if (hostOffset % clusterSize != 0) {
                throw new DiskFormatException(describe() + ": data cluster offset " + hex(hostOffset)
                        + " of guest cluster " + cluster + " is not cluster-aligned");
            }
            file.read("qcow2 data clusters " + cluster + "…", hostOffset + inCluster, buffer, bufferOffset, n);
        }
        }
        return n;
    }

    private void readBacking(long offset, byte[] buffer, int bufferOffset, int length) throws IOException {
        long available = backing == null ? 0 : Math.max(0, Math.min(length, backing.size() - offset));
        if (available > 0) {
            backing.read(offset, buffer, bufferOffset, (int) available);
        }
        Arrays.fill(buffer, bufferOffset + (int) available, bufferOffset + length, (byte) 0);
    }

    /** The L2 table covering {@code cluster}, or null when its L1 entry is unallocated (all reads go to the backing). */
    private byte[] l2Table(long cluster) throws IOException {
        long l1Index = cluster >>> header.l2Bits();
        long l1Entry = l1Entry(l1Index);
        long l2Offset = l1Entry & OFFSET_MASK;
        if (l2Offset == 0) {
            return null;
        }
        if (l2Offset % clusterSize != 0) {
            throw new DiskFormatException(describe() + ": L2 table offset " + hex(l2Offset) + " in L1 entry "
                    + l1Index + " is not cluster-aligned");
        }
        return tables.get(l2Offset, () -> file.read("qcow2 L2 table (L1 entry " + l1Index + ")", l2Offset,
                clusterSize));
    }

    private long l1Entry(long l1Index) throws IOException {
        if (l1Index >= header.l1Size()) {
            throw new DiskFormatException(describe() + ": L1 index " + l1Index + " beyond the L1 table");
        }
        long byteOffset = l1Index * 8;
        long pageStart = byteOffset - byteOffset % L1_PAGE;
        int pageLength = (int) Math.min(L1_PAGE, (long) header.l1Size() * 8 - pageStart);
        // L1 pages are keyed by negative numbers so that they never collide with L2 offsets in the same cache
        byte[] page = tables.get(-1 - pageStart, () -> file.read("qcow2 L1 table", header.l1Offset() + pageStart,
                pageLength));
        return be64(page, (int) (byteOffset - pageStart));
    }

    /**
     * A compressed cluster: a whole-cluster read inflates straight into the caller's buffer (bulk reads do not come
     * back for the same cluster); a partial read inflates through a small cache, so that reads smaller than a
     * cluster do not inflate it again for each piece.
     */
    private void readCompressed(long cluster, long l2Entry, int inCluster, byte[] buffer, int bufferOffset, int length)
            throws IOException {
        int sizeShift = 62 - (header.clusterBits() - 8);
        long hostOffset = l2Entry & ((1L << sizeShift) - 1);
        long sectors = ((l2Entry & ~COMPRESSED) >>> sizeShift) + 1;
        long compressedLength = sectors * 512 - (hostOffset & 511);
        // the last compressed cluster may end before its last sector does: read what the file has
        long fileLength = Math.min(compressedLength, file.size() - hostOffset);
        if (hostOffset <= 0 || fileLength <= 0 || compressedLength > 2L * clusterSize + 512) {
            throw new DiskFormatException(describe() + ": compressed cluster " + cluster + " at " + hex(hostOffset)
                    + " (" + compressedLength + " bytes) is invalid or beyond the file");
        }
        String what = describe() + ": compressed cluster " + cluster + " at " + hex(hostOffset);
        if (inCluster == 0 && length == clusterSize) {
            byte[] in = file.read("qcow2 compressed cluster " + cluster, hostOffset, (int) fileLength);
            Inflation.inflate(in, in.length, buffer, bufferOffset, clusterSize, true, what);
            return;
        }
        byte[] data = inflated.get(hostOffset, () -> {
            byte[] in = file.read("qcow2 compressed cluster " + cluster, hostOffset, (int) fileLength);
            byte[] out = new byte[clusterSize];
            Inflation.inflate(in, in.length, out, true, what);
            return out;
        });
        System.arraycopy(data, inCluster, buffer, bufferOffset, length);
    }

    @Override
    public void close() throws IOException {
        Closer.closeAll(file, backing);
    }
}
