package org.deskplane.disk.ext.internal;

/**
 * CRC32C as ext4's metadata_csum uses it: chained from a seed and without the final inversion (so
 * java.util.zip.CRC32C, which always starts from ~0 and inverts, cannot express the chaining).
 */
final class Crc32c {

    private static final int[] TABLE = new int[256];

    static {
        for (int n = 0; n < 256; n++) {
            int c = n;
            for (int k = 0; k < 8; k++) {
                c = (c & 1) != 0 ? (c >>> 1) ^ 0x82F63B78 : c >>> 1;
            }
            TABLE[n] = c;
        }
    }

    private Crc32c() {
    }

    static int update(int crc, byte[] data, int offset, int length) {
        int c = crc;
        for (int i = offset; i < offset + length; i++) {
            c = TABLE[(c ^ data[i]) & 0xFF] ^ (c >>> 8);
        }
        return c;
    }

    static int updateLe32(int crc, long value) {
        byte[] b = { (byte) value, (byte) (value >>> 8), (byte) (value >>> 16), (byte) (value >>> 24) };
        return update(crc, b, 0, 4);
    }
}
