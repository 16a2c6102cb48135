package org.deskplane.disk.partition.internal;

import java.util.ArrayList;
import java.util.List;

/** A 512-byte sector holding an MBR-style table (the MBR itself, or an EBR): boot signature and four entries. */
final class MbrSector {

    static final int SIZE = 512;

    private MbrSector() {
    }

    static boolean hasBootSignature(byte[] sector) {
        return sector.length >= SIZE && (sector[510] & 0xff) == 0x55 && (sector[511] & 0xff) == 0xaa;
    }

    static List<MbrEntry> entries(byte[] sector) {
        List<MbrEntry> entries = new ArrayList<>(4);
        for (int slot = 0; slot < 4; slot++) {
            entries.add(MbrEntry.parse(sector, slot));
        }
        return entries;
    }

    /**
     * Whether the sector is a file system's boot sector (FAT, NTFS, exFAT) rather than a partition table: a
     * jump instruction and a plausible bytes-per-sector field. A superfloppy's boot code may look like entries.
     */
    static boolean looksLikeVolumeBootRecord(byte[] sector) {
        int first = sector[0] & 0xff;
        boolean jump = (first == 0xeb && (sector[2] & 0xff) == 0x90) || first == 0xe9;
        int bytesPerSector = LittleEndian.u16(sector, 11);
        boolean sectorSize = bytesPerSector >= 512 && bytesPerSector <= 4096 && Integer.bitCount(bytesPerSector) == 1;
        boolean exfat = new String(sector, 3, 8, java.nio.charset.StandardCharsets.US_ASCII).equals("EXFAT   ");
        return jump && (sectorSize || exfat);
    }
}
