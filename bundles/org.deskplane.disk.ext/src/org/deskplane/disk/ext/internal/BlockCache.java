package org.deskplane.disk.ext.internal;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

import org.deskplane.disk.api.BlockDevice;
import org.deskplane.disk.api.DiskFormatException;

/**
 * A small LRU of metadata blocks (descriptors, inode tables, extent and indirect blocks, directories) so that
 * walking a tree does not re-read the same blocks; bounded to a few MiB whatever the block size. Returned
 * arrays are shared: callers only read them.
 */
final class BlockCache {

    private static final int BUDGET_BYTES = 4 * 1024 * 1024;

    private final BlockDevice device;
    private final int blockSize;
    private final long blocksCount;
    private final Map<Long, byte[]> blocks;

    BlockCache(BlockDevice device, int blockSize, long blocksCount) {
        this.device = device;
        this.blockSize = blockSize;
        this.blocksCount = blocksCount;
        int capacity = Math.max(16, BUDGET_BYTES / blockSize);
        this.blocks = new LinkedHashMap<>(capacity * 2, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<Long, byte[]> eldest) {
                return size() > capacity;
            }
        };
    }

    /** The block's bytes; {@code what} names the structure for the error when the number is out of range. */
    byte[] block(long number, String what) throws IOException {
        checkBlock(number, what);
        synchronized (blocks) {
            byte[] cached = blocks.get(number);
            if (cached != null) {
                return cached;
            }
        }
        byte[] data = new byte[blockSize];
        device.read(number * blockSize, data, 0, blockSize);
        synchronized (blocks) {
            blocks.put(number, data);
        }
        return data;
    }

    void checkBlock(long number, String what) throws DiskFormatException {
        if (number <= 0 || number >= blocksCount) {
            throw new DiskFormatException(what + ": block " + number + " is outside the file system's "
                    + blocksCount + " blocks");
        }
    }

    int blockSize() {
        return blockSize;
    }

    long blocksCount() {
        return blocksCount;
    }

    BlockDevice device() {
        return device;
    }
}
