package org.deskplane.disk.partition.tests;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.zip.CRC32;

/**
 * Writes a GPT (protective MBR, both headers and entry arrays) into a byte array at any sector size: the tools
 * here only make 512-byte-sector images, so the 4096-byte case is built by the test. Also re-seals the CRCs of
 * a header after a test edits it.
 */
final class GptImageWriter {

    record Spec(UUID type, long firstLba, long lastLba, String name) {
    }

    static final int ENTRIES = 128;
    static final int ENTRY_SIZE = 128;

    private GptImageWriter() {
    }

    static byte[] build(int sectorSize, long sectors, List<Spec> partitions) {
        byte[] disk = new byte[(int) (sectors * sectorSize)];
        // protective MBR: one 0xEE partition over the disk
        disk[446 + 4] = (byte) 0xee;
        PartitionTables.putLe32(disk, 446 + 8, 1);
        PartitionTables.putLe32(disk, 446 + 12, Math.min(sectors - 1, 0xffffffffL));
        disk[510] = 0x55;
        disk[511] = (byte) 0xaa;
        byte[] array = new byte[ENTRIES * ENTRY_SIZE];
        for (int i = 0; i < partitions.size(); i++) {
            Spec p = partitions.get(i);
            int at = i * ENTRY_SIZE;
            putGuid(array, at, p.type());
            putGuid(array, at + 16, UUID.nameUUIDFromBytes(p.name().getBytes(StandardCharsets.UTF_8)));
            PartitionTables.putLe64(array, at + 32, p.firstLba());
            PartitionTables.putLe64(array, at + 40, p.lastLba());
            byte[] name = p.name().getBytes(StandardCharsets.UTF_16LE);
            System.arraycopy(name, 0, array, at + 56, Math.min(name.length, 72));
        }
        long arraySectors = (array.length + sectorSize - 1) / sectorSize;
        long lastLba = sectors - 1;
        long backupArrayLba = lastLba - arraySectors;
        System.arraycopy(array, 0, disk, 2 * sectorSize, array.length);
        System.arraycopy(array, 0, disk, (int) (backupArrayLba * sectorSize), array.length);
        writeHeader(disk, sectorSize, 1, lastLba, 2 + arraySectors, backupArrayLba - 1, 2, array);
        writeHeader(disk, sectorSize, lastLba, 1, 2 + arraySectors, backupArrayLba - 1, backupArrayLba, array);
        return disk;
    }

    private static void writeHeader(byte[] disk, int sectorSize, long myLba, long alternateLba, long firstUsable,
            long lastUsable, long arrayLba, byte[] array) {
        int at = (int) (myLba * sectorSize);
        System.arraycopy("EFI PART".getBytes(StandardCharsets.US_ASCII), 0, disk, at, 8);
        PartitionTables.putLe32(disk, at + 8, 0x00010000);
        PartitionTables.putLe32(disk, at + 12, 92);
        PartitionTables.putLe64(disk, at + 24, myLba);
        PartitionTables.putLe64(disk, at + 32, alternateLba);
        PartitionTables.putLe64(disk, at + 40, firstUsable);
        PartitionTables.putLe64(disk, at + 48, lastUsable);
        putGuid(disk, at + 56, UUID.fromString("12345678-1234-1234-1234-123456789abc"));
        PartitionTables.putLe64(disk, at + 72, arrayLba);
        PartitionTables.putLe32(disk, at + 80, ENTRIES);
        PartitionTables.putLe32(disk, at + 84, ENTRY_SIZE);
        CRC32 crc = new CRC32();
        crc.update(array);
        PartitionTables.putLe32(disk, at + 88, crc.getValue());
        seal(disk, at);
    }

    /** Recomputes the header CRC32 of the header starting at byte {@code at} (header size 92). */
    static void seal(byte[] disk, int at) {
        PartitionTables.putLe32(disk, at + 16, 0);
        CRC32 crc = new CRC32();
        crc.update(disk, at, 92);
        PartitionTables.putLe32(disk, at + 16, crc.getValue());
    }

    /** Recomputes the entry array CRC of the header at {@code at} (array at its LBA, 128 × 128 bytes), then the header's. */
    static void sealArray(byte[] disk, int at, int sectorSize) {
        long arrayLba = ByteBuffer.wrap(disk, at + 72, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        CRC32 crc = new CRC32();
        crc.update(disk, (int) (arrayLba * sectorSize), ENTRIES * ENTRY_SIZE);
        PartitionTables.putLe32(disk, at + 88, crc.getValue());
        seal(disk, at);
    }

    /** Like {@link #sealArray} for an array at byte {@code arrayOffset}, whatever the header says. */
    static void sealArrayAt(byte[] disk, int at, int arrayOffset) {
        CRC32 crc = new CRC32();
        crc.update(disk, arrayOffset, ENTRIES * ENTRY_SIZE);
        PartitionTables.putLe32(disk, at + 88, crc.getValue());
        seal(disk, at);
    }

    static void putGuid(byte[] b, int at, UUID uuid) {
        ByteBuffer msb = ByteBuffer.allocate(8).putLong(uuid.getMostSignificantBits());
        byte[] m = msb.array();
        // first three fields little-endian
        b[at] = m[3];
        b[at + 1] = m[2];
        b[at + 2] = m[1];
        b[at + 3] = m[0];
        b[at + 4] = m[5];
        b[at + 5] = m[4];
        b[at + 6] = m[7];
        b[at + 7] = m[6];
        byte[] l = ByteBuffer.allocate(8).putLong(uuid.getLeastSignificantBits()).array();
        System.arraycopy(l, 0, b, at + 8, 8);
    }
}
