package org.deskplane.disk.iso9660.internal;

import java.nio.charset.StandardCharsets;

/** Which tree the reader uses and so how record names read. */
enum NameScheme {
    /** Primary tree with Rock Ridge NM names (falling back to the ISO name where a record has no NM). */
    ROCK_RIDGE,
    /** Joliet's supplementary tree: UCS-2 big-endian names. */
    JOLIET,
    /** Primary tree, plain ISO 9660 d-character names: upper case, so looked up case-insensitively. */
    PLAIN;

    /** The stored record name without its ";1" version and, for plain names, a trailing "." with no extension. */
    String decode(byte[] name) {
        String decoded = this == JOLIET ? new String(name, StandardCharsets.UTF_16BE)
                : new String(name, StandardCharsets.ISO_8859_1);
        int version = decoded.lastIndexOf(';');
        if (version >= 0) {
            decoded = decoded.substring(0, version);
        }
        if (this != JOLIET && decoded.endsWith(".") && decoded.length() > 1) {
            decoded = decoded.substring(0, decoded.length() - 1);
        }
        return decoded;
    }

    boolean caseInsensitive() {
        return this == PLAIN;
    }
}
