package org.deskplane.disk.ext.internal;

import java.io.IOException;
import java.util.Arrays;

import org.deskplane.disk.api.DiskFormatException;

/** Reads inodes by number from their group's inode table. */
final class InodeTable {

    static final long ROOT = 2;

    private final Superblock sb;
    private final BlockCache cache;
    private final GroupDescriptors groups;

    InodeTable(Superblock sb, BlockCache cache, GroupDescriptors groups) {
        this.sb = sb;
        this.cache = cache;
        this.groups = groups;
    }

    Inode read(long number) throws IOException {
        if (number < 1 || number > sb.inodesCount()) {
            throw new DiskFormatException("ext inode number " + number + " is outside 1…" + sb.inodesCount());
        }
        long group = (number - 1) / sb.inodesPerGroup();
        long byteOffset = (number - 1) % sb.inodesPerGroup() * sb.inodeSize();
        long block = groups.inodeTable(group) + byteOffset / sb.blockSize();
        int offset = (int) (byteOffset % sb.blockSize());
        byte[] data = cache.block(block, "ext inode " + number);
        byte[] raw = Arrays.copyOfRange(data, offset, offset + sb.inodeSize());
        return Inode.parse(number, raw, sb);
    }
}
