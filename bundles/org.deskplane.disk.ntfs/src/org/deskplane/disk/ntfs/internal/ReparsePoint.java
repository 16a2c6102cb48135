package org.deskplane.disk.ntfs.internal;

import org.deskplane.disk.api.DiskFormatException;

/** A $REPARSE_POINT value: its tag, and for symbolic links and mount points (junctions) the target. */
record ReparsePoint(long tag, String target) {

    static final long SYMLINK = 0xA000000CL;
    static final long MOUNT_POINT = 0xA0000003L;

    boolean isLink() {
        return target != null;
    }

    static ReparsePoint parse(byte[] v, String where) throws DiskFormatException {
        if (v.length < 8) {
            throw new DiskFormatException(where + ": $REPARSE_POINT of " + v.length + " bytes is too short");
        }
        long tag = Le.u32(v, 0);
        int dataLength = Le.u16(v, 4);
        if (8 + dataLength > v.length) {
            throw new DiskFormatException(where + ": reparse data of " + dataLength + " bytes overruns the value");
        }
        if (tag != SYMLINK && tag != MOUNT_POINT) {
            return new ReparsePoint(tag, null);
        }
        // symlinks have a 4-byte flags field before the path buffer, mount points not
        int buffer = tag == SYMLINK ? 20 : 16;
        if (buffer > 8 + dataLength) {
            throw new DiskFormatException(where + ": reparse data too short for a link");
        }
        String substitute = name(v, buffer, Le.u16(v, 8), Le.u16(v, 10), 8 + dataLength, where);
        String print = name(v, buffer, Le.u16(v, 12), Le.u16(v, 14), 8 + dataLength, where);
        return new ReparsePoint(tag, print.isEmpty() ? substitute : print);
    }

    private static String name(byte[] v, int buffer, int offset, int length, int end, String where)
            throws DiskFormatException {
        if ((length & 1) != 0 || buffer + offset + length > end) {
            throw new DiskFormatException(where + ": link name (" + length + " bytes at " + offset
                    + ") lies outside the reparse data");
        }
        return Le.utf16(v, buffer + offset, length / 2);
    }
}
