package org.deskplane.disk.image.internal;

/** Integer fields of on-disk structures, in the byte order each format uses. */
public final class Bytes {

    private Bytes() {
    }

    public static long be64(byte[] b, int at) {
        return ((long) be32(b, at) << 32) | (be32(b, at + 4) & 0xFFFF_FFFFL);
    }

    public static int be32(byte[] b, int at) {
        return ((b[at] & 0xFF) << 24) | ((b[at + 1] & 0xFF) << 16) | ((b[at + 2] & 0xFF) << 8) | (b[at + 3] & 0xFF);
    }

    public static int be16(byte[] b, int at) {
        return ((b[at] & 0xFF) << 8) | (b[at + 1] & 0xFF);
    }

    public static long le64(byte[] b, int at) {
        return (le32(b, at) & 0xFFFF_FFFFL) | ((long) le32(b, at + 4) << 32);
    }

    public static int le32(byte[] b, int at) {
        return (b[at] & 0xFF) | ((b[at + 1] & 0xFF) << 8) | ((b[at + 2] & 0xFF) << 16) | ((b[at + 3] & 0xFF) << 24);
    }

    public static int le16(byte[] b, int at) {
        return (b[at] & 0xFF) | ((b[at + 1] & 0xFF) << 8);
    }

    public static String hex(long value) {
        return "0x" + Long.toHexString(value);
    }
}
