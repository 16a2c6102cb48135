package org.deskplane.disk.ext.internal;

import static org.deskplane.disk.ext.internal.Bytes.u32;

import java.io.IOException;

import org.deskplane.disk.api.DiskFormatException;

/**
 * The ext2/ext3 block map: 12 direct pointers, then single, double and triple indirect blocks. A zero pointer
 * is a hole; a zero indirect pointer makes its whole subtree a hole, which is reported as one long run.
 */
final class IndirectBlockMap implements BlockMap {

    private static final int DIRECT = 12;

    private final Inode inode;
    private final BlockCache cache;
    private final long perBlock;

    IndirectBlockMap(Inode inode, BlockCache cache) {
        this.inode = inode;
        this.cache = cache;
        this.perBlock = cache.blockSize() / 4;
    }

    @Override
    public Run find(long logical) throws IOException {
        if (logical < DIRECT) {
            return leaf(logical, pointerInInode((int) logical));
        }
        long index = logical - DIRECT;
        long span = perBlock;
        for (int level = 1; level <= 3; level++) {
            if (index < span) {
                return descend(pointerInInode(DIRECT + level - 1), level, index, logical, span);
            }
            index -= span;
            span *= perBlock;
        }
        return new Run(logical, Run.ZEROS, Math.max(1, MAX_LOGICAL_BLOCKS - logical));
    }

    /** Walks {@code levels} indirect blocks from {@code pointer}; {@code span} blocks hang below it. */
    private Run descend(long pointer, int levels, long index, long logical, long span) throws IOException {
        long below = span;
        long offset = index;
        for (int level = levels; level > 0; level--) {
            if (pointer == 0) {
                return new Run(logical, Run.ZEROS, below - offset);
            }
            byte[] block = cache.block(pointer, "ext indirect block (level " + level + ") of inode " + inode.number());
            below /= perBlock;
            int slot = (int) (offset / below);
            offset %= below;
            pointer = u32(block, slot * 4);
        }
        return leaf(logical, pointer);
    }

    private Run leaf(long logical, long pointer) throws DiskFormatException {
        if (pointer == 0) {
            return new Run(logical, Run.ZEROS, 1);
        }
        if (pointer >= cache.blocksCount()) {
            throw new DiskFormatException("ext block map of inode " + inode.number() + ": logical block " + logical
                    + " points to block " + pointer + ", outside the file system's " + cache.blocksCount() + " blocks");
        }
        return new Run(logical, pointer, 1);
    }

    private long pointerInInode(int slot) {
        return u32(inode.blockArea(), slot * 4);
    }
}
