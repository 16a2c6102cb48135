package org.deskplane.disk.ntfs.internal;

import java.util.ArrayList;
import java.util.List;

import org.deskplane.disk.api.DiskFormatException;

/** One entry of an $ATTRIBUTE_LIST: which record holds which attribute extent. */
record AttributeListEntry(int type, String name, long lowestVcn, long recordNumber) {

    /** An attribute list bigger than this (tens of thousands of entries) is refused. */
    static final int MAX_BYTES = 4 << 20;

    static List<AttributeListEntry> parse(byte[] b, String where) throws DiskFormatException {
        List<AttributeListEntry> out = new ArrayList<>();
        int p = 0;
        while (p + 26 <= b.length) {
            int type = (int) Le.u32(b, p);
            int length = Le.u16(b, p + 4);
            int nameLength = Le.u8(b, p + 6);
            int nameOffset = Le.u8(b, p + 7);
            if (length < 26 || length > b.length - p || (nameLength > 0 && nameOffset + 2 * nameLength > length)) {
                throw new DiskFormatException(where + ": bad entry of length " + length + " at byte " + p);
            }
            String name = nameLength == 0 ? "" : Le.utf16(b, p + nameOffset, nameLength);
            out.add(new AttributeListEntry(type, name, Le.s64(b, p + 8), Le.s64(b, p + 16) & 0xFFFFFFFFFFFFL));
            p += length;
        }
        return out;
    }
}
