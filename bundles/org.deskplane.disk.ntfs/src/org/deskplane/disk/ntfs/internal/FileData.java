package org.deskplane.disk.ntfs.internal;

import java.io.IOException;
import java.util.List;

import org.deskplane.disk.api.DiskFormatException;

/** The unnamed $DATA stream of a file: resident bytes or clusters read in place. */
final class FileData {

    private final byte[] resident;
    private final ClusterStream stream;

    private FileData(byte[] resident, ClusterStream stream) {
        this.resident = resident;
        this.stream = stream;
    }

    /** The stream of {@code node}, or null when it has no unnamed $DATA. */
    static FileData of(Mft mft, NtfsNode node) throws DiskFormatException {
        List<Attribute> extents = node.extents(Attribute.DATA, "");
        if (extents.isEmpty()) {
            return null;
        }
        if (extents.size() == 1 && extents.get(0).resident()) {
            return new FileData(extents.get(0).value(), null);
        }
        return new FileData(null, ClusterStream.of(mft.volume(), mft.boot().clusterSize(), extents,
                "$DATA of MFT record " + node.number()));
    }

    long size() {
        return resident != null ? resident.length : stream.size();
    }

    boolean hasHoles() {
        return stream != null && stream.hasHoles();
    }

    /** Reads up to {@code length} bytes at {@code position}; -1 at or past the end. */
    int read(long position, byte[] buffer, int offset, int length) throws IOException {
        long size = size();
        if (position < 0) {
            throw new IOException("negative position " + position);
        }
        if (position >= size) {
            return -1;
        }
        int n = (int) Math.min(length, size - position);
        if (resident != null) {
            System.arraycopy(resident, (int) position, buffer, offset, n);
        } else {
            stream.readFully(position, buffer, offset, n);
        }
        return n;
    }
}
