package org.deskplane.disk.ext.internal;

import java.io.IOException;

import org.deskplane.disk.api.BlockDevice;
import org.deskplane.disk.api.DiskFormatException;

/** The parsed, immutable structures of one opened volume, shared by the readers (thread-safe). */
final class ExtVolume {

    private final Superblock superblock;
    private final BlockCache cache;
    private final InodeTable inodes;

    ExtVolume(BlockDevice device) throws IOException {
        this.superblock = Superblock.read(device);
        this.cache = new BlockCache(device, superblock.blockSize(), superblock.blocksCount());
        this.inodes = new InodeTable(superblock, cache, new GroupDescriptors(superblock, cache));
    }

    Superblock superblock() {
        return superblock;
    }

    BlockCache cache() {
        return cache;
    }

    int blockSize() {
        return superblock.blockSize();
    }

    Inode inode(long number) throws IOException {
        return inodes.read(number);
    }

    /** The map of an inode whose data lives in blocks (not inline data). */
    BlockMap blockMap(Inode inode) throws DiskFormatException {
        if (inode.hasFlag(Inode.FLAG_INLINE_DATA)) {
            throw new DiskFormatException("ext inode " + inode.number() + " stores its data inline, not in blocks");
        }
        if (inode.hasFlag(Inode.FLAG_EXTENTS)) {
            return new ExtentTreeMap(inode, cache);
        }
        return new IndirectBlockMap(inode, cache);
    }
}
