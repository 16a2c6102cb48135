package org.deskplane.disk.ntfs.internal;

import java.io.EOFException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

import org.deskplane.disk.api.BlockDevice;
import org.deskplane.disk.api.DiskFormatException;

/**
 * The bytes of a non-resident attribute, read in place through its runs (binary search by VCN, so any position
 * is cheap). Holes and bytes past the initialized size read as zeros.
 */
final class ClusterStream {

    /** Runs of one stream over all its extents; a fragmented multi-GiB file stays far below this. */
    static final int MAX_RUNS = 1 << 20;

    private final BlockDevice volume;
    private final int clusterSize;
    private final long[] vcns;
    private final long[] lengths;
    private final long[] lcns;
    private final long size;
    private final long initialized;
    private final String where;

    private ClusterStream(BlockDevice volume, int clusterSize, List<DataRun> runs, long size, long initialized,
            String where) {
        this.volume = volume;
        this.clusterSize = clusterSize;
        this.vcns = new long[runs.size()];
        this.lengths = new long[runs.size()];
        this.lcns = new long[runs.size()];
        for (int i = 0; i < runs.size(); i++) {
            vcns[i] = runs.get(i).vcn();
            lengths[i] = runs.get(i).length();
            lcns[i] = runs.get(i).lcn();
        }
        this.size = size;
        this.initialized = initialized;
        this.where = where;
    }

    /**
     * Joins the extents of one non-resident attribute (sorted by lowest VCN, each continuing the last); the
     * extent with lowest VCN 0 gives the sizes.
     */
    static ClusterStream of(BlockDevice volume, int clusterSize, List<Attribute> extents, String where)
            throws DiskFormatException {
        List<Attribute> sorted = new ArrayList<>(extents);
        sorted.sort(Comparator.comparingLong(Attribute::lowestVcn));
        if (sorted.isEmpty() || sorted.get(0).lowestVcn() != 0) {
            throw new DiskFormatException(where + ": no extent starting at VCN 0");
        }
        Attribute first = sorted.get(0);
        List<DataRun> runs = new ArrayList<>();
        long nextVcn = 0;
        for (Attribute extent : sorted) {
            if (extent.resident() || extent.lowestVcn() != nextVcn) {
                throw new DiskFormatException(where + ": extent at VCN " + extent.lowestVcn() + " does not continue"
                        + " at VCN " + nextVcn);
            }
            if (runs.size() + extent.runs().size() > MAX_RUNS) {
                throw new DiskFormatException(where + ": more than " + MAX_RUNS + " runs");
            }
            runs.addAll(extent.runs());
            nextVcn = runs.isEmpty() ? 0 : runs.get(runs.size() - 1).vcn() + runs.get(runs.size() - 1).length();
            if (nextVcn != extent.highestVcn() + 1 && !(extent.runs().isEmpty() && extent.highestVcn() == -1)) {
                throw new DiskFormatException(where + ": runs of the extent at VCN " + extent.lowestVcn()
                        + " end at VCN " + (nextVcn - 1) + ", not its highest VCN " + extent.highestVcn());
            }
        }
        long mapped = nextVcn * (long) clusterSize;
        if (first.dataSize() > mapped) {
            throw new DiskFormatException(where + ": data size " + first.dataSize() + " exceeds the " + mapped
                    + " bytes its runs map");
        }
        return new ClusterStream(volume, clusterSize, runs, first.dataSize(), first.initializedSize(), where);
    }

    long size() {
        return size;
    }

    boolean hasHoles() {
        for (long lcn : lcns) {
            if (lcn < 0) {
                return true;
            }
        }
        return false;
    }

    /** Reads exactly {@code length} bytes at {@code position} (which must lie within the size). */
    void readFully(long position, byte[] buffer, int offset, int length) throws IOException {
        if (position < 0 || length < 0 || position > size || length > size - position) {
            throw new EOFException(where + ": read of " + length + " bytes at " + position + " beyond its "
                    + size + " bytes");
        }
        int done = 0;
        while (done < length) {
            long pos = position + done;
            int want = length - done;
            if (pos >= initialized) {
                Arrays.fill(buffer, offset + done, offset + length, (byte) 0);
                return;
            }
            if (want > initialized - pos) {
                want = (int) (initialized - pos);
            }
            long vcn = pos / clusterSize;
            int i = runIndex(vcn);
            long runEnd = (vcns[i] + lengths[i]) * clusterSize;
            int n = (int) Math.min(want, runEnd - pos);
            if (lcns[i] < 0) {
                Arrays.fill(buffer, offset + done, offset + done + n, (byte) 0);
            } else {
                long at = (lcns[i] + (vcn - vcns[i])) * clusterSize + pos % clusterSize;
                volume.read(at, buffer, offset + done, n);
            }
            done += n;
        }
    }

    private int runIndex(long vcn) throws DiskFormatException {
        int lo = 0;
        int hi = vcns.length - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (vcn < vcns[mid]) {
                hi = mid - 1;
            } else if (vcn >= vcns[mid] + lengths[mid]) {
                lo = mid + 1;
            } else {
                return mid;
            }
        }
        throw new DiskFormatException(where + ": VCN " + vcn + " is not mapped by any run");
    }
}
