package org.deskplane.disk.partition.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import java.util.zip.CRC32;

import org.deskplane.disk.api.BlockDevice;
import org.deskplane.disk.api.DiskFormatException;

/**
 * A GPT header (primary at LBA 1, backup at the last LBA), accepted only when its CRC32 matches and every LBA
 * and count in it lies within the disk and our limits.
 */
record GptHeader(String which, int sectorSize, long myLba, long firstUsableLba, long lastUsableLba,
        long entriesLba, int entryCount, int entrySize, long entriesCrc) {

    static final byte[] SIGNATURE = "EFI PART".getBytes(StandardCharsets.US_ASCII);
    static final int MIN_HEADER_SIZE = 92;
    /** The UEFI minimum is 128 entries; sgdisk allows more. Beyond this the table is hostile. */
    static final int MAX_ENTRIES = 16384;
    static final int MAX_ENTRY_SIZE = 4096;

    /** Whether the sector at {@code lba} starts with "EFI PART" (a header is there, good or bad). */
    static boolean present(BlockDevice disk, int sectorSize, long lba) throws IOException {
        long offset = lba * sectorSize;
        if (lba < 0 || offset < 0 || offset > disk.size() - SIGNATURE.length) {
            return false;
        }
        byte[] signature = Sectors.read(disk, offset, SIGNATURE.length, "GPT header signature");
        return Arrays.equals(signature, SIGNATURE);
    }

    /**
     * Reads and checks the header at {@code lba}.
     *
     * @return empty when there is no "EFI PART" signature there
     * @throws DiskFormatException when a header is there but fails a check
     */
    static Optional<GptHeader> read(BlockDevice disk, int sectorSize, long lba, String which) throws IOException {
        if (!present(disk, sectorSize, lba)) {
            return Optional.empty();
        }
        String where = which + " GPT header at LBA " + lba + " of " + disk.describe();
        byte[] sector = Sectors.read(disk, lba * sectorSize, sectorSize, which + " GPT header");
        long revision = LittleEndian.u32(sector, 8);
        if (revision >>> 16 != 1) {
            throw new DiskFormatException(where + ": unsupported revision 0x" + Long.toHexString(revision));
        }
        long headerSize = LittleEndian.u32(sector, 12);
        if (headerSize < MIN_HEADER_SIZE || headerSize > sectorSize) {
            throw new DiskFormatException(where + ": header size " + headerSize + " outside [92, " + sectorSize + "]");
        }
        long storedCrc = LittleEndian.u32(sector, 16);
        byte[] copy = Arrays.copyOf(sector, (int) headerSize);
        Arrays.fill(copy, 16, 20, (byte) 0);
        CRC32 crc = new CRC32();
        crc.update(copy);
        if (crc.getValue() != storedCrc) {
            throw new DiskFormatException(where + ": header CRC32 0x" + Long.toHexString(storedCrc)
                    + " does not match its contents (0x" + Long.toHexString(crc.getValue()) + ")");
        }
        long diskSectors = disk.size() / sectorSize;
        long myLba = LittleEndian.u64(sector, 24);
        if (myLba != lba) {
            throw new DiskFormatException(where + ": says it is at LBA " + myLba);
        }
        long firstUsable = LittleEndian.u64(sector, 40);
        long lastUsable = LittleEndian.u64(sector, 48);
        if (firstUsable < 0 || lastUsable < 0 || lastUsable >= diskSectors || firstUsable > lastUsable + 1) {
            throw new DiskFormatException(where + ": usable LBAs [" + firstUsable + ", " + lastUsable
                    + "] do not lie within the disk's " + diskSectors + " sectors");
        }
        long entriesLba = LittleEndian.u64(sector, 72);
        long entryCount = LittleEndian.u32(sector, 80);
        long entrySize = LittleEndian.u32(sector, 84);
        if (entryCount < 1 || entryCount > MAX_ENTRIES) {
            throw new DiskFormatException(where + ": entry count " + entryCount + " outside [1, " + MAX_ENTRIES + "]");
        }
        if (entrySize < 128 || entrySize > MAX_ENTRY_SIZE || entrySize % 8 != 0) {
            throw new DiskFormatException(where + ": entry size " + entrySize + " is not a multiple of 8 in [128, "
                    + MAX_ENTRY_SIZE + "]");
        }
        long arrayBytes = entryCount * entrySize;
        if (arrayBytes > Sectors.MAX_READ) {
            throw new DiskFormatException(where + ": entry array of " + arrayBytes + " bytes exceeds the limit of "
                    + Sectors.MAX_READ);
        }
        long arraySectors = (arrayBytes + sectorSize - 1) / sectorSize;
        if (entriesLba < 1 || entriesLba >= diskSectors || arraySectors > diskSectors - entriesLba) {
            throw new DiskFormatException(where + ": entry array at LBA " + entriesLba + " (" + arraySectors
                    + " sectors) lies beyond the disk's " + diskSectors + " sectors");
        }
        return Optional.of(new GptHeader(which, sectorSize, myLba, firstUsable, lastUsable, entriesLba,
                (int) entryCount, (int) entrySize, LittleEndian.u32(sector, 88)));
    }
}
