package org.deskplane.disk.ntfs.internal;

import java.nio.charset.StandardCharsets;

/** Little-endian reads from byte arrays; callers have checked the ranges (or catch the runtime exception). */
final class Le {

    private Le() {
    }

    static int u8(byte[] b, int off) {
        return b[off] & 0xff;
    }

    static int u16(byte[] b, int off) {
        return (b[off] & 0xff) | (b[off + 1] & 0xff) << 8;
    }

    static long u32(byte[] b, int off) {
        return (u16(b, off) | (long) u16(b, off + 2) << 16) & 0xffffffffL;
    }

    static long s64(byte[] b, int off) {
        return u32(b, off) | u32(b, off + 4) << 32;
    }

    /** UTF-16LE text of {@code chars} characters at {@code off}. */
    static String utf16(byte[] b, int off, int chars) {
        if (off < 0 || chars < 0 || off + 2L * chars > b.length) {
            throw new IndexOutOfBoundsException("UTF-16 text of " + chars + " chars at " + off);
        }
        return new String(b, off, 2 * chars, StandardCharsets.UTF_16LE);
    }
}
