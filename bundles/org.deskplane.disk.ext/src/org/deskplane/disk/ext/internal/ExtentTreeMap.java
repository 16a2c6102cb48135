package org.deskplane.disk.ext.internal;

import static org.deskplane.disk.ext.internal.Bytes.u16;
import static org.deskplane.disk.ext.internal.Bytes.u32;

import java.io.IOException;

import org.deskplane.disk.api.DiskFormatException;

/**
 * An ext4 extent tree: the root header sits in the inode's block area, index nodes point to blocks one level
 * further down. Each level must state exactly one less depth than its parent, so a tree cannot loop, and the
 * depth is bounded (ext4 itself never builds more than 5 levels).
 */
final class ExtentTreeMap implements BlockMap {

    static final int MAGIC = 0xF30A;
    private static final int MAX_DEPTH = 5;
    private static final int ENTRY = 12;
    private static final int INIT_MAX_LEN = 32768;

    private final Inode inode;
    private final BlockCache cache;

    ExtentTreeMap(Inode inode, BlockCache cache) {
        this.inode = inode;
        this.cache = cache;
    }

    @Override
    public Run find(long logical) throws IOException {
        byte[] node = inode.blockArea();
        int length = node.length;
        String where = "ext extent tree root of inode " + inode.number();
        int expectedDepth = -1;
        for (int level = 0; level <= MAX_DEPTH; level++) {
            int entries = checkHeader(node, length, where, expectedDepth);
            int depth = u16(node, 6);
            if (depth == 0) {
                return findInLeaf(node, entries, logical, where);
            }
            // the last index whose first block is <= logical covers it
            int chosen = -1;
            for (int i = 0; i < entries; i++) {
                long first = u32(node, ENTRY + i * ENTRY);
                if (first > logical) {
                    break;
                }
                chosen = i;
            }
            if (chosen < 0) {
                long next = entries > 0 ? u32(node, ENTRY) : MAX_LOGICAL_BLOCKS;
                return new Run(logical, Run.ZEROS, Math.max(1, next - logical));
            }
            int at = ENTRY + chosen * ENTRY;
            long child = u32(node, at + 4) | (long) u16(node, at + 8) << 32;
            where = "ext extent index block " + child + " of inode " + inode.number();
            node = cache.block(child, where);
            length = node.length;
            expectedDepth = depth - 1;
        }
        throw new DiskFormatException("ext extent tree of inode " + inode.number() + " is deeper than " + MAX_DEPTH);
    }

    private int checkHeader(byte[] node, int length, String where, int expectedDepth) throws DiskFormatException {
        if (u16(node, 0) != MAGIC) {
            throw new DiskFormatException(where + ": bad extent header magic 0x" + Integer.toHexString(u16(node, 0)));
        }
        int entries = u16(node, 2);
        int max = u16(node, 4);
        int depth = u16(node, 6);
        if (max > (length - ENTRY) / ENTRY || entries > max) {
            throw new DiskFormatException(where + ": " + entries + " entries of at most " + max
                    + " do not fit the node's " + length + " bytes");
        }
        if (depth > MAX_DEPTH || (expectedDepth >= 0 && depth != expectedDepth)) {
            throw new DiskFormatException(where + ": depth " + depth + " where "
                    + (expectedDepth >= 0 ? "the parent requires " + expectedDepth : "at most " + MAX_DEPTH)
                    + " is allowed (loop or corrupt tree)");
        }
        return entries;
    }

    private Run findInLeaf(byte[] node, int entries, long logical, String where) throws DiskFormatException {
        long nextStart = MAX_LOGICAL_BLOCKS;
        for (int i = 0; i < entries; i++) {
            int at = ENTRY + i * ENTRY;
            long first = u32(node, at);
            int rawLength = u16(node, at + 4);
            boolean uninitialised = rawLength > INIT_MAX_LEN;
            long length = uninitialised ? rawLength - INIT_MAX_LEN : rawLength;
            long physical = (long) u16(node, at + 6) << 32 | u32(node, at + 8);
            if (length == 0) {
                throw new DiskFormatException(where + ": extent " + i + " has length 0");
            }
            if (physical <= 0 || physical > cache.blocksCount() - length) {
                throw new DiskFormatException(where + ": extent " + i + " (blocks " + physical + " +" + length
                        + ") lies outside the file system's " + cache.blocksCount() + " blocks");
            }
            if (logical >= first && logical < first + length) {
                return new Run(first, uninitialised ? Run.ZEROS : physical, length);
            }
            if (first > logical) {
                nextStart = Math.min(nextStart, first);
            }
        }
        return new Run(logical, Run.ZEROS, nextStart - logical);
    }
}
