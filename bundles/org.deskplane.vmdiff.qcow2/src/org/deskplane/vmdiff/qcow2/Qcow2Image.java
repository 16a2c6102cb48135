package org.deskplane.vmdiff.qcow2;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Optional;

import org.deskplane.vmdiff.qcow2.internal.AllocationIterator;
import org.deskplane.vmdiff.qcow2.internal.ClusterMap;
import org.deskplane.vmdiff.qcow2.internal.Header;
import org.deskplane.vmdiff.qcow2.internal.HostFile;
import org.deskplane.vmdiff.qcow2.internal.L2Entry;

/**
 * Read-only view of one qcow2 file's own allocation map (never follows the backing chain).
 * <p>
 * Versions 2 and 3 with cluster sizes from 512 bytes to 2 MiB; only the active L1 table is read (internal
 * snapshots are ignored). The file is untrusted: every offset and size is checked against the file length and
 * qemu's limits before it is used, and images that are corrupt or use encryption, an external data file,
 * extended L2 entries, zstd compression or unknown incompatible features are refused with a
 * {@link Qcow2Exception}. The "dirty" bit is accepted: it only means the refcounts may be stale, which this
 * reader never uses. Not thread-safe.
 */
public final class Qcow2Image implements AutoCloseable {

    private final HostFile file;
    private final ClusterMap map;

    private Qcow2Image(HostFile file, ClusterMap map) {
        this.file = file;
        this.map = map;
    }

    /** Opens and validates the header, its extensions and the L1 table. */
    public static Qcow2Image open(Path file) throws IOException {
        HostFile host = HostFile.open(file);
        try {
            Header header = Header.read(host);
            return new Qcow2Image(host, ClusterMap.read(header, host));
        } catch (IOException | RuntimeException e) {
            host.close();
            throw e;
        }
    }

    public int clusterSize() {
        return map.header().clusterSize();
    }

    public long virtualSize() {
        return map.header().virtualSize();
    }

    /** The backing file name exactly as stored (qemu resolves a relative name against this file's directory). */
    public Optional<String> backingFile() {
        return map.header().backingFile();
    }

    /** The backing format from the backing-format header extension ("raw", "qcow2", ...). */
    public Optional<String> backingFormat() {
        return map.header().backingFormat();
    }

    /** The guest clusters: the virtual size rounded up to whole clusters. */
    public long clusterCount() {
        return map.header().clusterCount();
    }

    /**
     * The clusters this file itself allocates (DATA, incl. compressed) or marks ZERO, in ascending guestIndex.
     * Unallocated clusters (those read from the backing file) are not listed. Every L2 table is checked before
     * this returns; the iterator throws {@link java.io.UncheckedIOException} only if the file changes meanwhile.
     */
    public Iterator<ClusterEntry> allocated() throws IOException {
        AllocationIterator.validate(map);
        return new AllocationIterator(map);
    }

    /**
     * Reads one whole cluster (clusterSize bytes; decompressed; zeros for ZERO) into dst at its position, and
     * advances dst's position by clusterSize.
     *
     * @throws IllegalArgumentException if guestIndex is outside the image, the cluster is not allocated in this
     *             file, or dst has fewer than clusterSize bytes remaining
     */
    public void readCluster(long guestIndex, ByteBuffer dst) throws IOException {
        if (dst.remaining() < clusterSize()) {
            throw new IllegalArgumentException("buffer has " + dst.remaining() + " bytes left, a cluster needs "
                    + clusterSize());
        }
        L2Entry entry = map.entry(guestIndex);
        if (!entry.allocated()) {
            throw new IllegalArgumentException("guest cluster " + guestIndex + " is not allocated in "
                    + file.describe() + " (its bytes come from the backing file)");
        }
        map.readCluster(guestIndex, entry, dst);
    }

    @Override
    public void close() throws IOException {
        file.close();
    }
}
