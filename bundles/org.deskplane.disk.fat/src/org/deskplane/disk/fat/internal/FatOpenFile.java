package org.deskplane.disk.fat.internal;

import java.io.IOException;
import java.util.Objects;

import org.deskplane.disk.api.BlockDevice;
import org.deskplane.disk.api.DiskFormatException;
import org.deskplane.disk.api.FileEntry;
import org.deskplane.disk.api.OpenFile;

/** A FAT file read in place: each read finds its cluster through the chain's checkpoints and reads runs of adjacent clusters at once. */
final class FatOpenFile implements OpenFile {

    private final BlockDevice volume;
    private final BootSector boot;
    private final FileEntry entry;
    /** Null for an empty file. */
    private final ClusterChain chain;

    FatOpenFile(BlockDevice volume, BootSector boot, FileEntry entry, ClusterChain chain) {
        this.volume = volume;
        this.boot = boot;
        this.entry = entry;
        this.chain = chain;
    }

    @Override
    public FileEntry entry() {
        return entry;
    }

    @Override
    public int read(long position, byte[] buffer, int bufferOffset, int length) throws IOException {
        Objects.checkFromIndexSize(bufferOffset, length, buffer.length);
        if (position < 0) {
            throw new IllegalArgumentException("negative position " + position);
        }
        if (position >= entry.size()) {
            return -1;
        }
        int total = (int) Math.min(length, entry.size() - position);
        try {
            int done = 0;
            long clusterSize = boot.clusterSize;
            while (done < total) {
                long at = position + done;
                long index = at / clusterSize;
                long cluster = chain.clusterAt(index);
                long within = at - index * clusterSize;
                long maxClusters = (within + (total - done) + clusterSize - 1) / clusterSize;
                long run = chain.contiguousFrom(index, cluster, maxClusters);
                int n = (int) Math.min(total - done, run * clusterSize - within);
                volume.read(boot.clusterOffset(cluster) + within, buffer, bufferOffset + done, n);
                done += n;
            }
            return total;
        } catch (RuntimeException e) {
            throw new DiskFormatException("corrupt FAT data reading " + entry.path() + " on " + volume.describe()
                    + ": " + e, e);
        }
    }

    @Override
    public void close() {
        // nothing held: the volume belongs to the caller
    }
}
