package org.deskplane.disk.partition.internal;

/**
 * One 16-byte entry of an MBR or EBR partition table.
 *
 * @param slot        0–3, its place in the table
 * @param status      0x00 or 0x80 (bootable); anything else means the sector is not a partition table
 * @param type        the partition type byte
 * @param firstSector the first LBA, relative to what the table is in
 * @param sectors     the number of sectors
 */
record MbrEntry(int slot, int status, int type, long firstSector, long sectors) {

    static final int TABLE_OFFSET = 446;
    static final int SIZE = 16;
    static final int PROTECTIVE_GPT = 0xEE;

    static MbrEntry parse(byte[] sector, int slot) {
        int at = TABLE_OFFSET + slot * SIZE;
        return new MbrEntry(slot, LittleEndian.u8(sector, at), LittleEndian.u8(sector, at + 4),
                LittleEndian.u32(sector, at + 8), LittleEndian.u32(sector, at + 12));
    }

    /** Type 0 or no sectors: Linux and sfdisk show no partition for it. */
    boolean isUnused() {
        return type == 0 || sectors == 0;
    }

    /** DOS (0x05), Windows LBA (0x0f) and Linux (0x85) extended partitions hold an EBR chain. */
    boolean isExtended() {
        return type == 0x05 || type == 0x0f || type == 0x85;
    }

    boolean hasValidStatus() {
        return status == 0x00 || status == 0x80;
    }

    String typeName() {
        return String.format("0x%02x", type);
    }
}
