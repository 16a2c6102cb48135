package org.deskplane.disk.iso9660.internal;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

import org.deskplane.disk.api.BlockDevice;
import org.deskplane.disk.api.DiskFormatException;

/**
 * A small LRU of metadata blocks (directory extents, continuation areas), so path lookups do not re-read the
 * same directory blocks; file data bypasses it. Blocks are handed out shared: callers must not change them.
 */
final class BlockCache {

    /** 512 blocks of 2 KiB: 1 MiB of metadata. */
    static final int CAPACITY = 512;

    private final BlockDevice volume;
    private final int blockSize;
    private final Map<Long, byte[]> blocks = new LinkedHashMap<>(64, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, byte[]> eldest) {
            return size() > CAPACITY;
        }
    };

    BlockCache(BlockDevice volume, int blockSize) {
        this.volume = volume;
        this.blockSize = blockSize;
    }

    int blockSize() {
        return blockSize;
    }

    long blockCount() {
        return volume.size() / blockSize;
    }

    /** The block, read once; a block number beyond the volume is corruption. */
    byte[] block(long number, String what) throws IOException {
        if (number < 0 || number >= blockCount()) {
            throw new DiskFormatException(what + ": block " + number + " lies beyond the end of " + volume.describe()
                    + " (" + blockCount() + " blocks of " + blockSize + " bytes)");
        }
        synchronized (blocks) {
            byte[] cached = blocks.get(number);
            if (cached != null) {
                return cached;
            }
        }
        byte[] block = new byte[blockSize];
        volume.read(number * blockSize, block, 0, blockSize);
        synchronized (blocks) {
            blocks.put(number, block);
        }
        return block;
    }
}
