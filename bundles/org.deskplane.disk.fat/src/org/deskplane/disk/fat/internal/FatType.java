package org.deskplane.disk.fat.internal;

/** The three FAT variants; which one a volume is follows from its cluster count alone (as the spec says). */
enum FatType {
    FAT12(12, 0xFF7), FAT16(16, 0xFFF7), FAT32(32, 0x0FFFFFF7);

    /** Bits per FAT entry (FAT32 uses the low 28 of 32). */
    final int bits;
    /** The "bad cluster" marker; values above it end a chain. */
    final int badCluster;

    FatType(int bits, int badCluster) {
        this.bits = bits;
        this.badCluster = badCluster;
    }

    static FatType forClusterCount(long clusters) {
        if (clusters < 4085) {
            return FAT12;
        }
        return clusters < 65525 ? FAT16 : FAT32;
    }
}
