package org.deskplane.disk.image.internal.vhd;

import static org.deskplane.disk.image.internal.Bytes.be32;
import static org.deskplane.disk.image.internal.Bytes.be64;
import static org.deskplane.disk.image.internal.Bytes.hex;

import java.nio.charset.StandardCharsets;

import org.deskplane.disk.api.DiskFormatException;

/** The 512-byte VHD footer ("conectix"), checked by its checksum. */
record VhdFooter(long dataOffset, long currentSize, int diskType) {

    static final int FIXED = 2;
    static final int DYNAMIC = 3;
    static final int DIFFERENCING = 4;
    static final byte[] COOKIE = "conectix".getBytes(StandardCharsets.US_ASCII);

    static boolean hasCookie(byte[] bytes, int at) {
        if (bytes.length < at + COOKIE.length) {
            return false;
        }
        for (int i = 0; i < COOKIE.length; i++) {
            if (bytes[at + i] != COOKIE[i]) {
                return false;
            }
        }
        return true;
    }

    static VhdFooter parse(byte[] footer, String where) throws DiskFormatException {
        if (!hasCookie(footer, 0)) {
            throw new DiskFormatException(where + " has no 'conectix' cookie");
        }
        int stored = be32(footer, 64);
        if (stored != checksum(footer, 64)) {
            throw new DiskFormatException(where + " has a bad checksum " + hex(stored & 0xFFFF_FFFFL));
        }
        long currentSize = be64(footer, 48);
        if (currentSize < 0 || currentSize > (1L << 45)) {
            throw new DiskFormatException(where + ": disk size " + currentSize + " is out of range");
        }
        return new VhdFooter(be64(footer, 16), currentSize, be32(footer, 60));
    }

    /** One's complement of the byte sum, without the checksum field itself. */
    static int checksum(byte[] bytes, int checksumAt) {
        int sum = 0;
        for (int i = 0; i < 512 && i < bytes.length; i++) {
            if (i < checksumAt || i >= checksumAt + 4) {
                sum += bytes[i] & 0xFF;
            }
        }
        return ~sum;
    }
}
