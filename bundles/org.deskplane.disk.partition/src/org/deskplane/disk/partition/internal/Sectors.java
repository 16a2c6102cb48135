package org.deskplane.disk.partition.internal;

import java.io.IOException;

import org.deskplane.disk.api.BlockDevice;
import org.deskplane.disk.api.DiskFormatException;

/** Bounded reads of table structures: the range is checked against the disk first, so a bad LBA says what it was. */
final class Sectors {

    /** No partition table structure we read is bigger than this (a GPT entry array of 16384 × 256 bytes). */
    static final int MAX_READ = 4 * 1024 * 1024;

    private Sectors() {
    }

    static byte[] read(BlockDevice disk, long offset, int length, String what) throws IOException {
        if (length < 0 || length > MAX_READ) {
            throw new DiskFormatException(what + " of " + disk.describe() + ": length " + length
                    + " is beyond the limit of " + MAX_READ + " bytes");
        }
        if (offset < 0 || offset > disk.size() || length > disk.size() - offset) {
            throw new DiskFormatException(what + " at byte " + offset + " (+" + length + ") lies beyond the end of "
                    + disk.describe() + " (" + disk.size() + " bytes)");
        }
        byte[] bytes = new byte[length];
        disk.read(offset, bytes, 0, length);
        return bytes;
    }
}
