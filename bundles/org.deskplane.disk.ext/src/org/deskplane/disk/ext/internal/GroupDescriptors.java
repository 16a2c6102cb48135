package org.deskplane.disk.ext.internal;

import static org.deskplane.disk.ext.internal.Bytes.u32;

import java.io.IOException;

import org.deskplane.disk.api.DiskFormatException;

/** Finds each block group's inode table through its group descriptor (classic layout or meta_bg). */
final class GroupDescriptors {

    private final Superblock sb;
    private final BlockCache cache;
    private final long descriptorsPerBlock;

    GroupDescriptors(Superblock sb, BlockCache cache) {
        this.sb = sb;
        this.cache = cache;
        this.descriptorsPerBlock = sb.blockSize() / sb.descSize();
    }

    /** The first block of the inode table of {@code group}, checked to lie (whole) within the file system. */
    long inodeTable(long group) throws IOException {
        if (group < 0 || group >= sb.groupCount()) {
            throw new DiskFormatException("ext group descriptor " + group + " is beyond the " + sb.groupCount()
                    + " groups");
        }
        long block = descriptorBlock(group);
        int offset = (int) (group % descriptorsPerBlock) * sb.descSize();
        byte[] data = cache.block(block, "ext group descriptor " + group);
        long table = u32(data, offset + 0x08);
        if (sb.descSize() >= 64 && sb.has(ExtFeatures.INCOMPAT_64BIT)) {
            table |= u32(data, offset + 0x28) << 32;
        }
        long tableBlocks = (sb.inodesPerGroup() * sb.inodeSize() + sb.blockSize() - 1) / sb.blockSize();
        if (table <= 0 || table > sb.blocksCount() - tableBlocks) {
            throw new DiskFormatException("ext group descriptor " + group + " (block " + block + "): inode table at "
                    + table + " does not fit the file system's " + sb.blocksCount() + " blocks");
        }
        return table;
    }

    private long descriptorBlock(long group) {
        long metaGroup = group / descriptorsPerBlock;
        if (sb.has(ExtFeatures.INCOMPAT_META_BG) && metaGroup >= sb.firstMetaBg()) {
            // meta_bg: each meta group's descriptors sit in its first group, after a superblock copy if any
            long firstGroup = metaGroup * descriptorsPerBlock;
            long superblocks = sb.groupHasSuperblock(firstGroup) ? 1 : 0;
            if (firstGroup == 0 && sb.blockSize() == 1024 && sb.firstDataBlock() == 0) {
                superblocks++; // bigalloc with 1 KiB blocks: block 0 is the boot block, the superblock is block 1
            }
            return sb.firstDataBlock() + firstGroup * sb.blocksPerGroup() + superblocks;
        }
        // the classic table follows the block holding the primary superblock (byte 1024)
        return Superblock.OFFSET / sb.blockSize() + 1 + metaGroup;
    }
}
