package org.deskplane.disk.fat.internal;

import java.time.Instant;

/**
 * One live entry of a FAT directory as parsed: its name (the long name when a valid one precedes it, else the
 * short name), the 8.3 name, the attribute byte, first cluster and size, and its times (interpreted as UTC).
 */
record FatDirEntry(String name, String shortName, int attributes, long firstCluster, long size, Instant modified,
        Instant accessed, Instant created) {

    static final int READ_ONLY = 0x01;
    static final int HIDDEN = 0x02;
    static final int SYSTEM = 0x04;
    static final int VOLUME_LABEL = 0x08;
    static final int DIRECTORY = 0x10;

    boolean isDirectory() {
        return (attributes & DIRECTORY) != 0;
    }

    /** FAT names compare case-insensitively; the short name matches too, as on Windows. */
    boolean matches(String wanted) {
        return name.equalsIgnoreCase(wanted) || shortName.equalsIgnoreCase(wanted);
    }
}
