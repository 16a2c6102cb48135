package org.deskplane.disk.fat.internal;

import static org.deskplane.disk.fat.internal.LittleEndian.u16;
import static org.deskplane.disk.fat.internal.LittleEndian.u32;
import static org.deskplane.disk.fat.internal.LittleEndian.u8;

import java.io.IOException;

import org.deskplane.disk.api.BlockDevice;
import org.deskplane.disk.api.DiskFormatException;

/**
 * The BIOS parameter block of sector 0, validated, and the volume layout derived from it: where the FATs, the
 * fixed root directory (FAT12/16) and the data area lie, how many clusters there are and thus the FAT type.
 * Every count is checked against the device before anything else trusts it.
 */
final class BootSector {

    /** The first bytes read to parse; the BPB and the 0x55AA signature lie within them. */
    static final int LENGTH = 512;

    final FatType type;
    final int bytesPerSector;
    final int clusterSize;
    final long fatOffset;
    final long fatLength;
    final long rootDirOffset;
    final int rootDirEntries;
    final long rootCluster;
    final long dataOffset;
    /** Data clusters, numbered 2 … clusterCount + 1. */
    final long clusterCount;
    final String bpbLabel;

    private BootSector(FatType type, int bytesPerSector, int clusterSize, long fatOffset, long fatLength,
            long rootDirOffset, int rootDirEntries, long rootCluster, long dataOffset, long clusterCount,
            String bpbLabel) {
        this.type = type;
        this.bytesPerSector = bytesPerSector;
        this.clusterSize = clusterSize;
        this.fatOffset = fatOffset;
        this.fatLength = fatLength;
        this.rootDirOffset = rootDirOffset;
        this.rootDirEntries = rootDirEntries;
        this.rootCluster = rootCluster;
        this.dataOffset = dataOffset;
        this.clusterCount = clusterCount;
        this.bpbLabel = bpbLabel;
    }

    /** Byte offset of data cluster {@code cluster} (2 … clusterCount + 1) on the volume. */
    long clusterOffset(long cluster) {
        return dataOffset + (cluster - 2) * clusterSize;
    }

    boolean isValidCluster(long cluster) {
        return cluster >= 2 && cluster <= clusterCount + 1;
    }

    static BootSector read(BlockDevice volume) throws IOException {
        if (volume.size() < LENGTH) {
            throw new DiskFormatException("FAT boot sector of " + volume.describe() + ": the volume has only "
                    + volume.size() + " bytes");
        }
        byte[] b = new byte[LENGTH];
        volume.read(0, b, 0, LENGTH);
        return parse(b, volume.size(), volume.describe());
    }

    static BootSector parse(byte[] b, long deviceSize, String where) throws DiskFormatException {
        String at = "FAT boot sector of " + where + ": ";
        if (u8(b, 510) != 0x55 || u8(b, 511) != 0xAA) {
            throw new DiskFormatException(at + "no 0x55AA signature at offset 510");
        }
        int jump = u8(b, 0);
        if (jump != 0xEB && jump != 0xE9) {
            throw new DiskFormatException(at + "no x86 jump at offset 0 (0x" + Integer.toHexString(jump) + ")");
        }
        int bytesPerSector = u16(b, 0x0B);
        if (bytesPerSector < 512 || bytesPerSector > 4096 || Integer.bitCount(bytesPerSector) != 1) {
            throw new DiskFormatException(at + "bytes per sector " + bytesPerSector
                    + " at 0x0B is not a power of two in 512…4096");
        }
        int sectorsPerCluster = u8(b, 0x0D);
        if (sectorsPerCluster == 0 || Integer.bitCount(sectorsPerCluster) != 1) {
            throw new DiskFormatException(at + "sectors per cluster " + sectorsPerCluster
                    + " at 0x0D is not a power of two");
        }
        int reserved = u16(b, 0x0E);
        if (reserved == 0) {
            throw new DiskFormatException(at + "reserved sector count at 0x0E is 0");
        }
        int fats = u8(b, 0x10);
        if (fats == 0 || fats > 4) {
            throw new DiskFormatException(at + "number of FATs " + fats + " at 0x10 is not 1…4");
        }
        int rootEntries = u16(b, 0x11);
        int media = u8(b, 0x15);
        if (media != 0xF0 && media < 0xF8) {
            throw new DiskFormatException(at + "media descriptor 0x" + Integer.toHexString(media) + " at 0x15");
        }
        long totalSectors = u16(b, 0x13);
        if (totalSectors == 0) {
            totalSectors = u32(b, 0x20);
        }
        long fatSectors = u16(b, 0x16);
        boolean fat32Layout = fatSectors == 0;
        if (fat32Layout) {
            fatSectors = u32(b, 0x24);
        }
        if (fatSectors == 0 || totalSectors == 0) {
            throw new DiskFormatException(at + "FAT size " + fatSectors + " or total sectors " + totalSectors
                    + " is 0");
        }
        if (totalSectors > deviceSize / bytesPerSector) {
            throw new DiskFormatException(at + totalSectors + " sectors of " + bytesPerSector
                    + " bytes do not fit in the volume's " + deviceSize + " bytes (truncated?)");
        }
        long rootDirSectors = ((long) rootEntries * 32 + bytesPerSector - 1) / bytesPerSector;
        long firstDataSector = reserved + fats * fatSectors + rootDirSectors;
        if (firstDataSector >= totalSectors) {
            throw new DiskFormatException(at + "reserved, FAT and root directory sectors (" + firstDataSector
                    + ") leave no data area in " + totalSectors + " sectors");
        }
        long clusterCount = (totalSectors - firstDataSector) / sectorsPerCluster;
        FatType type = FatType.forClusterCount(clusterCount);
        if (clusterCount == 0) {
            throw new DiskFormatException(at + "no data clusters");
        }
        if ((type == FatType.FAT32) != fat32Layout || (type == FatType.FAT32) != (rootEntries == 0)) {
            throw new DiskFormatException(at + clusterCount + " clusters make it " + type
                    + " but the BPB's FAT size (0x16) and root entry count (0x11) say otherwise");
        }
        long fatLength = fatSectors * bytesPerSector;
        if (fatLength * 8 / type.bits < clusterCount + 2) {
            throw new DiskFormatException(at + "a FAT of " + fatSectors + " sectors cannot hold "
                    + clusterCount + " clusters");
        }
        long rootCluster = 0;
        long fatSector = reserved;
        String label;
        if (type == FatType.FAT32) {
            rootCluster = u32(b, 0x2C);
            if (rootCluster < 2 || rootCluster > clusterCount + 1) {
                throw new DiskFormatException(at + "root cluster " + rootCluster + " at 0x2C is outside 2…"
                        + (clusterCount + 1));
            }
            if (u16(b, 0x2A) != 0) {
                throw new DiskFormatException(at + "unsupported FAT32 version " + u16(b, 0x2A) + " at 0x2A");
            }
            int extFlags = u16(b, 0x28);
            if ((extFlags & 0x80) != 0) {
                // mirroring off: only the active FAT is current
                int active = extFlags & 0x0F;
                if (active >= fats) {
                    throw new DiskFormatException(at + "active FAT " + active + " of " + fats + " FATs (0x28)");
                }
                fatSector += active * fatSectors;
            }
            label = label(b, 0x42, 0x47);
        } else {
            label = label(b, 0x26, 0x2B);
        }
        long rootDirOffset = (reserved + fats * fatSectors) * bytesPerSector;
        return new BootSector(type, bytesPerSector, bytesPerSector * sectorsPerCluster,
                fatSector * bytesPerSector, fatLength, rootDirOffset, type == FatType.FAT32 ? 0 : rootEntries,
                rootCluster, firstDataSector * bytesPerSector, clusterCount, label);
    }

    /** The BPB label when the extended boot signature 0x29 says the field is there; "NO NAME" means none. */
    private static String label(byte[] b, int signatureAt, int labelAt) {
        if (u8(b, signatureAt) != 0x29) {
            return "";
        }
        String label = ShortName.decodeOem(b, labelAt, 11).stripTrailing();
        return label.equals("NO NAME") ? "" : label;
    }
}
