package org.deskplane.disk.fat.internal;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/** 8.3 names as stored in a directory entry: OEM bytes, space padded, with Windows NT's lower-case flags. */
final class ShortName {

    /** Windows NT reserved byte (offset 12): the base name is lower case. */
    static final int LOWER_CASE_BASE = 0x08;
    /** Windows NT reserved byte (offset 12): the extension is lower case. */
    static final int LOWER_CASE_EXTENSION = 0x10;

    /** Code page 437 (the US OEM page) where the JDK has it; Latin-1 otherwise — only non-ASCII differs. */
    private static final Charset OEM = Charset.isSupported("IBM437") ? Charset.forName("IBM437")
            : StandardCharsets.ISO_8859_1;

    private ShortName() {
    }

    static String decodeOem(byte[] b, int at, int length) {
        return new String(b, at, length, OEM);
    }

    /**
     * The name of the entry at {@code at} ("README.TXT", "readme.txt" with the NT flags), or null when it is not
     * a usable name (control characters, path separators, an empty base).
     */
    static String decode(byte[] b, int at) {
        byte[] raw = new byte[11];
        System.arraycopy(b, at, raw, 0, 11);
        if ((raw[0] & 0xFF) == 0x05) {
            raw[0] = (byte) 0xE5; // 0x05 stands for a real 0xE5 first byte (0xE5 itself marks deleted entries)
        }
        for (byte c : raw) {
            int v = c & 0xFF;
            if (v < 0x20 || v == '/' || v == '\\' || v == 0x7F) {
                return null;
            }
        }
        String base = decodeOem(raw, 0, 8).stripTrailing();
        String extension = decodeOem(raw, 8, 3).stripTrailing();
        if (base.isEmpty() || base.startsWith(" ")) {
            return null;
        }
        int flags = b[at + 12] & 0xFF;
        if ((flags & LOWER_CASE_BASE) != 0) {
            base = base.toLowerCase(java.util.Locale.ROOT);
        }
        if ((flags & LOWER_CASE_EXTENSION) != 0) {
            extension = extension.toLowerCase(java.util.Locale.ROOT);
        }
        return extension.isEmpty() ? base : base + "." + extension;
    }

    /** The checksum of the 11 name bytes that every long-name entry of this short entry repeats. */
    static int checksum(byte[] b, int at) {
        int sum = 0;
        for (int i = 0; i < 11; i++) {
            sum = (((sum & 1) << 7) + (sum >> 1) + (b[at + i] & 0xFF)) & 0xFF;
        }
        return sum;
    }
}
