package org.deskplane.hypervisor.demo.internal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Builds a tiny ISO 9660 image holding one text file in its root directory, so the demo CD-ROM carries real,
 * readable media. Sectors: 0-15 system area, 16 primary volume descriptor, 17 terminator, 18/19 the little- and
 * big-endian path tables, 20 the root directory, 21+ the file.
 */
final class IsoImage {

    static final int SECTOR = 2048;
    private static final int PVD = 16;
    private static final int TERMINATOR = 17;
    private static final int PATH_TABLE_L = 18;
    private static final int PATH_TABLE_M = 19;
    private static final int ROOT = 20;
    private static final int FILE = 21;
    private static final int MAX_FILE = 64 * 1024;

    private IsoImage() {
    }

    /**
     * @param volumeId upper-case letters, digits and '_', at most 32
     * @param fileName an ISO 9660 level 1 name such as {@code README.TXT}
     */
    static byte[] build(String volumeId, String fileName, byte[] content) {
        if (!volumeId.matches("[A-Z0-9_]{1,32}") || !fileName.matches("[A-Z0-9_]{1,8}\\.[A-Z0-9_]{0,3}")
                || content.length > MAX_FILE) {
            throw new IllegalArgumentException("ISO volume id, file name or size not usable: " + volumeId + ", "
                    + fileName + ", " + content.length);
        }
        int fileSectors = Math.max(1, (content.length + SECTOR - 1) / SECTOR);
        int totalSectors = FILE + fileSectors;
        ByteBuffer iso = ByteBuffer.allocate(totalSectors * SECTOR);

        int pvd = PVD * SECTOR;
        iso.put(pvd, (byte) 1);
        ascii(iso, pvd + 1, "CD001", 5);
        iso.put(pvd + 6, (byte) 1);
        ascii(iso, pvd + 8, "LINUX", 32);
        ascii(iso, pvd + 40, volumeId, 32);
        bothEndian32(iso, pvd + 80, totalSectors);
        bothEndian16(iso, pvd + 120, 1); // volume set size
        bothEndian16(iso, pvd + 124, 1); // volume sequence number
        bothEndian16(iso, pvd + 128, SECTOR);
        bothEndian32(iso, pvd + 132, 10); // path table size: one 10-byte entry (the root)
        iso.order(ByteOrder.LITTLE_ENDIAN).putInt(pvd + 140, PATH_TABLE_L);
        iso.order(ByteOrder.BIG_ENDIAN).putInt(pvd + 148, PATH_TABLE_M);
        directoryRecord(iso, pvd + 156, ROOT, SECTOR, true, new byte[] { 0 });
        ascii(iso, pvd + 190, "", 128); // volume set
        ascii(iso, pvd + 318, "DESKPLANE", 128); // publisher
        ascii(iso, pvd + 446, "", 128); // preparer
        ascii(iso, pvd + 574, "DESKPLANE DEMO", 128); // application
        ascii(iso, pvd + 702, "", 37 * 3); // copyright, abstract, bibliographic file ids
        ascii(iso, pvd + 813, "2024010100000000", 16); // creation
        ascii(iso, pvd + 830, "2024010100000000", 16); // modification
        ascii(iso, pvd + 847, "0000000000000000", 16); // expiration: none
        ascii(iso, pvd + 864, "0000000000000000", 16); // effective: at once
        iso.put(pvd + 881, (byte) 1); // file structure version

        int terminator = TERMINATOR * SECTOR;
        iso.put(terminator, (byte) 255);
        ascii(iso, terminator + 1, "CD001", 5);
        iso.put(terminator + 6, (byte) 1);

        pathTable(iso, PATH_TABLE_L * SECTOR, ByteOrder.LITTLE_ENDIAN);
        pathTable(iso, PATH_TABLE_M * SECTOR, ByteOrder.BIG_ENDIAN);

        int root = ROOT * SECTOR;
        root += directoryRecord(iso, root, ROOT, SECTOR, true, new byte[] { 0 }); // "."
        root += directoryRecord(iso, root, ROOT, SECTOR, true, new byte[] { 1 }); // ".."
        directoryRecord(iso, root, FILE, content.length, false,
                (fileName + ";1").getBytes(StandardCharsets.US_ASCII));

        iso.put(FILE * SECTOR, content);
        return iso.array();
    }

    private static void pathTable(ByteBuffer iso, int at, ByteOrder order) {
        iso.order(order);
        iso.put(at, (byte) 1); // length of the root's identifier
        iso.putInt(at + 2, ROOT);
        iso.putShort(at + 6, (short) 1); // parent: itself
        iso.order(ByteOrder.BIG_ENDIAN);
    }

    /** @return the record's length */
    private static int directoryRecord(ByteBuffer iso, int at, int extent, int length, boolean directory,
            byte[] identifier) {
        int recordLength = 33 + identifier.length + (identifier.length % 2 == 0 ? 1 : 0);
        iso.put(at, (byte) recordLength);
        bothEndian32(iso, at + 2, extent);
        bothEndian32(iso, at + 10, length);
        byte[] recorded = { 124, 1, 1, 0, 0, 0, 0 }; // 2024-01-01 00:00:00 UTC
        iso.put(at + 18, recorded);
        iso.put(at + 25, (byte) (directory ? 2 : 0));
        bothEndian16(iso, at + 28, 1);
        iso.put(at + 32, (byte) identifier.length);
        iso.put(at + 33, identifier);
        return recordLength;
    }

    private static void ascii(ByteBuffer iso, int at, String text, int width) {
        byte[] field = new byte[width];
        Arrays.fill(field, (byte) ' ');
        byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(bytes, 0, field, 0, Math.min(bytes.length, width));
        iso.put(at, field);
    }

    private static void bothEndian32(ByteBuffer iso, int at, int value) {
        iso.order(ByteOrder.LITTLE_ENDIAN).putInt(at, value);
        iso.order(ByteOrder.BIG_ENDIAN).putInt(at + 4, value);
    }

    private static void bothEndian16(ByteBuffer iso, int at, int value) {
        iso.order(ByteOrder.LITTLE_ENDIAN).putShort(at, (short) value);
        iso.order(ByteOrder.BIG_ENDIAN).putShort(at + 2, (short) value);
    }
}
