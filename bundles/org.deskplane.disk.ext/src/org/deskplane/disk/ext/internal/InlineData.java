package org.deskplane.disk.ext.internal;

import static org.deskplane.disk.ext.internal.Bytes.u16;
import static org.deskplane.disk.ext.internal.Bytes.u32;
import static org.deskplane.disk.ext.internal.Bytes.u8;

import java.util.Arrays;

import org.deskplane.disk.api.DiskFormatException;

/**
 * inline_data: a small file's bytes live in the inode's 60-byte block area, continued in the in-inode extended
 * attribute "system.data". Both parts are within the inode, so they are small.
 */
final class InlineData {

    private static final long XATTR_MAGIC = 0xEA020000L;
    private static final int SYSTEM_INDEX = 7;
    private static final byte[] DATA_NAME = { 'd', 'a', 't', 'a' };

    private InlineData() {
    }

    /** The file's bytes: the block area and then system.data, cut to the file's size. */
    static byte[] content(Inode inode) throws DiskFormatException {
        byte[] more = systemData(inode);
        long available = (long) Inode.BLOCK_AREA_SIZE + more.length;
        if (inode.size() > available) {
            throw new DiskFormatException("ext inline data of inode " + inode.number() + ": size " + inode.size()
                    + " exceeds the " + available + " bytes stored in the inode");
        }
        byte[] all = Arrays.copyOf(inode.blockArea(), (int) available);
        System.arraycopy(more, 0, all, Inode.BLOCK_AREA_SIZE, more.length);
        return Arrays.copyOf(all, (int) inode.size());
    }

    /** The value of the in-inode attribute system.data, or empty when there is none. */
    static byte[] systemData(Inode inode) throws DiskFormatException {
        byte[] raw = inode.raw();
        int start = inode.inlineXattrOffset();
        String where = "ext in-inode xattrs of inode " + inode.number();
        if (start < 0 || start + 4 > raw.length || u32(raw, start) != XATTR_MAGIC) {
            return new byte[0];
        }
        int first = start + 4;
        int at = first;
        while (at + 16 <= raw.length && u32(raw, at) != 0) {
            int nameLength = u8(raw, at);
            int nameIndex = u8(raw, at + 1);
            int valueOffset = u16(raw, at + 2);
            long valueInode = u32(raw, at + 4);
            long valueSize = u32(raw, at + 8);
            if (at + 16 + nameLength > raw.length) {
                throw new DiskFormatException(where + ": entry at " + at + " runs past the inode");
            }
            if (nameIndex == SYSTEM_INDEX
                    && Arrays.equals(raw, at + 16, at + 16 + nameLength, DATA_NAME, 0, DATA_NAME.length)) {
                if (valueInode != 0 || first + valueOffset + valueSize > raw.length) {
                    throw new DiskFormatException(where + ": system.data value (offset " + valueOffset + ", "
                            + valueSize + " bytes) lies outside the inode");
                }
                return Arrays.copyOfRange(raw, first + valueOffset, first + valueOffset + (int) valueSize);
            }
            at += (16 + nameLength + 3) & ~3;
        }
        return new byte[0];
    }
}
