package org.deskplane.disk.iso9660.internal;

import java.time.Instant;

import org.deskplane.disk.api.DiskFormatException;

/**
 * One directory record as stored: where the extent is, its length, flags, recording time, the raw name bytes
 * and the System Use area (where SUSP / Rock Ridge entries live).
 */
record DirectoryRecord(long extentBlock, int extendedAttributeBlocks, long dataLength, Instant recorded, int flags,
        int fileUnitSize, byte[] name, byte[] systemUse) {

    static final int MIN_LENGTH = 34;
    static final int FLAG_HIDDEN = 0x01;
    static final int FLAG_DIRECTORY = 0x02;
    static final int FLAG_NOT_FINAL = 0x80;

    /** Parses the record of {@code length} bytes at {@code at}, checking its inner lengths against it. */
    static DirectoryRecord parse(byte[] b, int at, int length, String where) throws DiskFormatException {
        if (length < MIN_LENGTH - 1 || at + length > b.length) {
            throw new DiskFormatException(where + ": record length " + length + " is impossible");
        }
        int nameLength = Bytes.u8(b, at + 32);
        if (33 + nameLength > length) {
            throw new DiskFormatException(where + ": name length " + nameLength + " overruns the record length "
                    + length);
        }
        byte[] name = java.util.Arrays.copyOfRange(b, at + 33, at + 33 + nameLength);
        int systemUseStart = 33 + nameLength + (nameLength % 2 == 0 ? 1 : 0);
        byte[] systemUse = systemUseStart < length ? java.util.Arrays.copyOfRange(b, at + systemUseStart, at + length)
                : new byte[0];
        return new DirectoryRecord(Bytes.le32(b, at + 2), Bytes.u8(b, at + 1), Bytes.le32(b, at + 10),
                IsoTimestamps.shortForm(b, at + 18), Bytes.u8(b, at + 25), Bytes.u8(b, at + 26), name, systemUse);
    }

    boolean isDirectory() {
        return (flags & FLAG_DIRECTORY) != 0;
    }

    boolean isNotFinal() {
        return (flags & FLAG_NOT_FINAL) != 0;
    }

    /** "." is stored as the single byte 0, ".." as 1. */
    boolean isSelf() {
        return name.length == 1 && name[0] == 0;
    }

    boolean isParent() {
        return name.length == 1 && name[0] == 1;
    }
}
