package org.deskplane.disk.ntfs.internal;

import org.deskplane.disk.api.DiskFormatException;

/** A $FILE_NAME value (also the key of a directory index entry). */
record FileName(long parentReference, long created, long modified, long accessed, long dataSize, long attributes,
        int namespace, String name) {

    static final int POSIX = 0;
    static final int WIN32 = 1;
    static final int DOS = 2;
    static final int WIN32_AND_DOS = 3;

    static FileName parse(byte[] b, int off, int length, String where) throws DiskFormatException {
        if (length < 66) {
            throw new DiskFormatException(where + ": $FILE_NAME of " + length + " bytes is too short");
        }
        int chars = Le.u8(b, off + 64);
        if (66 + 2 * chars > length) {
            throw new DiskFormatException(where + ": $FILE_NAME of " + chars + " characters overruns its "
                    + length + " bytes");
        }
        return new FileName(Le.s64(b, off), Le.s64(b, off + 8), Le.s64(b, off + 16), Le.s64(b, off + 32),
                Le.s64(b, off + 48), Le.u32(b, off + 56), Le.u8(b, off + 65), Le.utf16(b, off + 66, chars));
    }

    long parentRecord() {
        return parentReference & 0xFFFFFFFFFFFFL;
    }
}
