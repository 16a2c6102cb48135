package org.deskplane.disk.fat.internal;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

import org.deskplane.disk.api.BlockDevice;
import org.deskplane.disk.api.DiskFormatException;

/**
 * The (active) file allocation table, read through a small LRU cache of 4 KiB blocks so that walking chains
 * does not hit the device for every entry. Knows how to read a FAT12/16/32 entry and what it means.
 */
final class FatTable {

    /** Marks "this was the chain's last cluster" as the result of {@link #next}. */
    static final long END_OF_CHAIN = -1;

    private static final int BLOCK_SIZE = 4096;
    /** 64 blocks: 256 KiB of FAT, covering 64 Ki FAT32 / 128 Ki FAT16 clusters. */
    private static final int MAX_BLOCKS = 64;

    private final BlockDevice volume;
    private final BootSector boot;
    private final Map<Long, byte[]> blocks = new LinkedHashMap<>(MAX_BLOCKS * 2, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, byte[]> eldest) {
            return size() > MAX_BLOCKS;
        }
    };

    FatTable(BlockDevice volume, BootSector boot) {
        this.volume = volume;
        this.boot = boot;
    }

    /**
     * The cluster that follows {@code cluster} in its chain, or {@link #END_OF_CHAIN}.
     *
     * @throws DiskFormatException when the entry is free, bad, or names a cluster outside the volume
     */
    long next(long cluster, String owner) throws IOException {
        if (!boot.isValidCluster(cluster)) {
            throw new DiskFormatException(where(owner) + "cluster " + cluster + " is outside 2…"
                    + (boot.clusterCount + 1));
        }
        long value = entry(cluster);
        if (value > boot.type.badCluster) {
            return END_OF_CHAIN;
        }
        if (value == boot.type.badCluster) {
            throw new DiskFormatException(where(owner) + "FAT entry of cluster " + cluster + " marks it bad");
        }
        if (value == 0) {
            throw new DiskFormatException(where(owner) + "FAT entry of cluster " + cluster
                    + " is free, but the chain goes on");
        }
        if (!boot.isValidCluster(value)) {
            throw new DiskFormatException(where(owner) + "FAT entry of cluster " + cluster + " points to cluster "
                    + value + ", beyond the FAT's " + (boot.clusterCount + 1));
        }
        return value;
    }

    private String where(String owner) {
        return boot.type + " of " + volume.describe() + ", " + owner + ": ";
    }

    /** The raw entry value (FAT32: the low 28 bits). */
    long entry(long cluster) throws IOException {
        return switch (boot.type) {
        case FAT12 -> {
            long at = cluster + cluster / 2;
            int pair = byteAt(at) | byteAt(at + 1) << 8;
            yield (cluster & 1) == 0 ? pair & 0xFFF : pair >> 4;
        }
        case FAT16 -> byteAt(cluster * 2) | byteAt(cluster * 2 + 1) << 8;
        case FAT32 -> {
            long at = cluster * 4;
            long v = byteAt(at) | byteAt(at + 1) << 8 | byteAt(at + 2) << 16 | (long) byteAt(at + 3) << 24;
            yield v & 0x0FFFFFFFL;
        }
        };
    }

    private int byteAt(long offsetInFat) throws IOException {
        long block = offsetInFat / BLOCK_SIZE;
        byte[] data = block(block);
        return data[(int) (offsetInFat - block * BLOCK_SIZE)] & 0xFF;
    }

    private byte[] block(long block) throws IOException {
        synchronized (blocks) {
            byte[] cached = blocks.get(block);
            if (cached != null) {
                return cached;
            }
        }
        long start = block * BLOCK_SIZE;
        // the BPB check made sure the whole FAT lies within the volume
        int length = (int) Math.min(BLOCK_SIZE, boot.fatLength - start);
        if (length <= 0) {
            throw new DiskFormatException(boot.type + " of " + volume.describe() + ": FAT offset " + start
                    + " lies past the FAT's " + boot.fatLength + " bytes");
        }
        byte[] data = new byte[BLOCK_SIZE];
        volume.read(boot.fatOffset + start, data, 0, length);
        synchronized (blocks) {
            blocks.put(block, data);
        }
        return data;
    }
}
