package org.deskplane.disk.iso9660.internal;

import java.io.IOException;
import java.util.List;

import org.deskplane.disk.api.BlockDevice;
import org.deskplane.disk.api.FileEntry;
import org.deskplane.disk.api.OpenFile;

/**
 * A file's bytes read in place from its extents (one, or several for a multi-extent file); positions map to
 * extents by a binary search over their start offsets, so any position costs the same. Stateless: thread-safe.
 */
final class IsoOpenFile implements OpenFile {

    private final BlockDevice volume;
    private final long blockSize;
    private final FileEntry entry;
    private final List<Extent> extents;
    private final long[] starts;

    IsoOpenFile(BlockDevice volume, long blockSize, FileEntry entry, List<Extent> extents) {
        this.volume = volume;
        this.blockSize = blockSize;
        this.entry = entry;
        this.extents = extents;
        this.starts = new long[extents.size()];
        long start = 0;
        for (int i = 0; i < extents.size(); i++) {
            starts[i] = start;
            start += extents.get(i).length();
        }
    }

    @Override
    public FileEntry entry() {
        return entry;
    }

    @Override
    public int read(long position, byte[] buffer, int bufferOffset, int length) throws IOException {
        java.util.Objects.checkFromIndexSize(bufferOffset, length, buffer.length);
        if (position < 0) {
            throw new IOException("negative position " + position);
        }
        if (position >= entry.size()) {
            return -1;
        }
        int total = (int) Math.min(length, entry.size() - position);
        int done = 0;
        while (done < total) {
            long at = position + done;
            int index = extentAt(at);
            Extent extent = extents.get(index);
            long within = at - starts[index];
            int count = (int) Math.min(total - done, extent.length() - within);
            volume.read(extent.block() * blockSize + within, buffer, bufferOffset + done, count);
            done += count;
        }
        return total;
    }

    /** The last extent starting at or before {@code position} that is not empty. */
    private int extentAt(long position) {
        int low = 0;
        int high = starts.length - 1;
        while (low < high) {
            int mid = (low + high + 1) >>> 1;
            if (starts[mid] <= position) {
                low = mid;
            } else {
                high = mid - 1;
            }
        }
        while (low > 0 && extents.get(low).length() == 0) {
            low--;
        }
        return low;
    }

    @Override
    public void close() {
        // nothing held open
    }
}
