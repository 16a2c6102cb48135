package org.deskplane.delivery.iso.internal;

/** Fixed numbers of the ECMA-119 format as this writer uses it. */
final class IsoFormat {

    static final int SECTOR = 2048;
    /** Sectors 0-15 are the system area; the volume descriptors start at 16. */
    static final int FIRST_DESCRIPTOR = 16;
    /** Primary, Joliet supplementary, set terminator. */
    static final int DESCRIPTORS = 3;
    /** A directory record's length is one byte. */
    static final int MAX_RECORD = 254;
    /** Deepest directory nesting accepted (paths are bounded by bytes too; this bounds the recursion). */
    static final int MAX_DEPTH = 512;

    static final int FLAG_DIRECTORY = 0x02;

    private IsoFormat() {
    }

    static int sectors(long bytes) {
        return Math.toIntExact((bytes + SECTOR - 1) / SECTOR);
    }
}
