package org.deskplane.disk.image.internal.vmdk;

import java.io.IOException;
import java.util.List;

import org.deskplane.disk.image.internal.Closer;
import org.deskplane.disk.image.internal.ImageDevice;

/** A VMDK disk: its extents one after another. */
final class VmdkDevice extends ImageDevice {

    private final List<Extent> extents;
    private final long[] starts;

    VmdkDevice(String description, List<Extent> extents) {
        super(description, total(extents), Long.MAX_VALUE);
        this.extents = List.copyOf(extents);
        this.starts = new long[extents.size()];
        long at = 0;
        for (int i = 0; i < extents.size(); i++) {
            starts[i] = at;
            at += extents.get(i).size();
        }
    }

    private static long total(List<Extent> extents) {
        long total = 0;
        for (Extent extent : extents) {
            total = Math.addExact(total, extent.size());
        }
        return total;
    }

    @Override
    protected void readUnit(long unused, long offset, byte[] buffer, int bufferOffset, int length) throws IOException {
        int index = extentAt(offset);
        long position = offset;
        int done = 0;
        while (done < length) {
            Extent extent = extents.get(index);
            long inExtent = position - starts[index];
            int n = (int) Math.min(length - done, extent.size() - inExtent);
            if (n > 0) {
                extent.read(inExtent, buffer, bufferOffset + done, n);
            }
            position += n;
            done += n;
            index++;
        }
    }

    private int extentAt(long offset) {
        int low = 0;
        int high = starts.length - 1;
        while (low < high) {
            int middle = (low + high + 1) >>> 1;
            if (starts[middle] <= offset) {
                low = middle;
            } else {
                high = middle - 1;
            }
        }
        // skip empty extents that start where the next one does
        while (low < starts.length - 1 && extents.get(low).size() == 0) {
            low++;
        }
        return low;
    }

    @Override
    public void close() throws IOException {
        Closer.closeAll(extents.toArray(AutoCloseable[]::new));
    }
}
