package org.deskplane.disk.ntfs.internal;

import org.deskplane.disk.api.DiskFormatException;

/**
 * The update sequence array of multi-sector records (FILE, INDX): the last two bytes of every 512-byte stride
 * were replaced by the update sequence number when written; checking them detects torn writes, and the
 * array holds the original bytes to put back.
 */
final class Fixups {

    private static final int STRIDE = 512;

    private Fixups() {
    }

    /** Verifies and undoes the fixups of {@code record} in place; {@code where} names it for errors. */
    static void apply(byte[] record, String magic, String where) throws DiskFormatException {
        for (int i = 0; i < 4; i++) {
            if (record[i] != magic.charAt(i)) {
                throw new DiskFormatException(where + ": no \"" + magic + "\" signature");
            }
        }
        int usaOffset = Le.u16(record, 4);
        int usaCount = Le.u16(record, 6);
        int sectors = record.length / STRIDE;
        if (usaCount != sectors + 1 || usaOffset < 8 || (usaOffset & 1) != 0
                || usaOffset + 2 * usaCount > STRIDE - 2) {
            throw new DiskFormatException(where + ": update sequence array (offset " + usaOffset + ", count "
                    + usaCount + ") does not fit a " + record.length + "-byte record");
        }
        int usn = Le.u16(record, usaOffset);
        for (int s = 0; s < sectors; s++) {
            int end = (s + 1) * STRIDE - 2;
            if (Le.u16(record, end) != usn) {
                throw new DiskFormatException(where + ": fixup mismatch in sector " + s
                        + " (torn or corrupt record)");
            }
            record[end] = record[usaOffset + 2 + 2 * s];
            record[end + 1] = record[usaOffset + 3 + 2 * s];
        }
    }
}
