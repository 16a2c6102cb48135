package org.deskplane.disk.ntfs.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import org.deskplane.disk.api.BlockDevice;
import org.deskplane.disk.api.DiskFormatException;

/** The NTFS boot sector: geometry of the volume and where $MFT starts. */
record BootSector(int bytesPerSector, int clusterSize, long totalSectors, long mftLcn, int mftRecordSize,
        int indexBlockSize) {

    static final int SIZE = 512;
    private static final byte[] OEM = "NTFS    ".getBytes(StandardCharsets.US_ASCII);
    /** Largest cluster NTFS allows (2 MiB since Windows 10 1709). */
    private static final int MAX_CLUSTER = 2 << 20;
    /** MFT records are 1 KiB, 4 KiB on 4Kn disks; accept up to 64 KiB. */
    private static final int MAX_RECORD = 64 << 10;

    static boolean looksLikeNtfs(byte[] sector) {
        if (sector.length < SIZE) {
            return false;
        }
        for (int i = 0; i < OEM.length; i++) {
            if (sector[3 + i] != OEM[i]) {
                return false;
            }
        }
        return Le.u16(sector, 510) == 0xAA55;
    }

    static BootSector read(BlockDevice volume) throws IOException {
        if (volume.size() < SIZE) {
            throw new DiskFormatException("NTFS boot sector: " + volume.describe() + " is only " + volume.size()
                    + " bytes");
        }
        byte[] b = new byte[SIZE];
        volume.read(0, b, 0, SIZE);
        if (!looksLikeNtfs(b)) {
            throw new DiskFormatException("NTFS boot sector of " + volume.describe()
                    + ": no \"NTFS    \" OEM id and 0x55AA signature");
        }
        int bytesPerSector = Le.u16(b, 11);
        if (bytesPerSector < 256 || bytesPerSector > 4096 || Integer.bitCount(bytesPerSector) != 1) {
            throw new DiskFormatException("NTFS boot sector of " + volume.describe() + ": bytes per sector "
                    + bytesPerSector + " is not a power of two in 256…4096");
        }
        int spc = Le.u8(b, 13);
        long sectorsPerCluster;
        if (spc == 0) {
            throw new DiskFormatException("NTFS boot sector of " + volume.describe() + ": 0 sectors per cluster");
        } else if (spc <= 0x80) {
            sectorsPerCluster = spc;
        } else {
            // values above 0x80 encode 2^(256 - value) sectors (clusters beyond 64 KiB)
            int shift = 256 - spc;
            sectorsPerCluster = shift > 20 ? Long.MAX_VALUE : 1L << shift;
        }
        long clusterSize = sectorsPerCluster > MAX_CLUSTER ? Long.MAX_VALUE : sectorsPerCluster * bytesPerSector;
        if (Long.bitCount(sectorsPerCluster) != 1 || clusterSize > MAX_CLUSTER) {
            throw new DiskFormatException("NTFS boot sector of " + volume.describe() + ": sectors per cluster 0x"
                    + Integer.toHexString(spc) + " gives an unsupported cluster size");
        }
        long totalSectors = Le.s64(b, 40);
        long mftLcn = Le.s64(b, 48);
        int recordSize = recordSize(b[64], (int) clusterSize, "MFT record", volume);
        int indexSize = recordSize(b[68], (int) clusterSize, "index block", volume);
        if (totalSectors <= 0 || totalSectors > volume.size() / bytesPerSector + 1) {
            throw new DiskFormatException("NTFS boot sector of " + volume.describe() + ": " + totalSectors
                    + " sectors do not fit the volume of " + volume.size() + " bytes");
        }
        long clusters = totalSectors * bytesPerSector / clusterSize;
        if (mftLcn <= 0 || mftLcn >= clusters) {
            throw new DiskFormatException("NTFS boot sector of " + volume.describe() + ": $MFT cluster " + mftLcn
                    + " lies outside the volume's " + clusters + " clusters");
        }
        return new BootSector(bytesPerSector, (int) clusterSize, totalSectors, mftLcn, recordSize, indexSize);
    }

    /** Clusters per record: positive counts clusters, negative v means 2^-v bytes. */
    private static int recordSize(byte encoded, int clusterSize, String what, BlockDevice volume)
            throws DiskFormatException {
        long size;
        if (encoded > 0) {
            size = (long) encoded * clusterSize;
        } else if (encoded < 0 && encoded >= -31) {
            size = 1L << -encoded;
        } else {
            size = -1;
        }
        if (size < 512 || size > MAX_RECORD || Long.bitCount(size) != 1) {
            throw new DiskFormatException("NTFS boot sector of " + volume.describe() + ": " + what
                    + " size (encoded " + encoded + ") is not a power of two in 512…" + MAX_RECORD);
        }
        return (int) size;
    }

    /** Clusters on the volume (runs must stay below this). */
    long clusterCount() {
        return totalSectors * bytesPerSector / clusterSize;
    }
}
