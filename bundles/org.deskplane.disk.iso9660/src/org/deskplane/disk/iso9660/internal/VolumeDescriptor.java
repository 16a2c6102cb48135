package org.deskplane.disk.iso9660.internal;

import java.nio.charset.StandardCharsets;

/**
 * A primary (type 1) or Joliet supplementary (type 2) volume descriptor: what the reader needs of it.
 *
 * @param joliet    whether names in its tree are UCS-2 (Joliet)
 * @param blockSize the logical block size (2048 on every real disc)
 * @param label     the volume identifier, trimmed
 * @param root      the root directory record
 */
record VolumeDescriptor(boolean joliet, int blockSize, String label, DirectoryRecord root) {

    static final int SECTOR = 2048;
    static final int FIRST_SECTOR = 16;
    static final int TYPE_PRIMARY = 1;
    static final int TYPE_SUPPLEMENTARY = 2;
    static final int TYPE_TERMINATOR = 255;
    static final byte[] STANDARD_ID = "CD001".getBytes(StandardCharsets.US_ASCII);

    static boolean hasStandardId(byte[] sector) {
        for (int i = 0; i < STANDARD_ID.length; i++) {
            if (sector[1 + i] != STANDARD_ID[i]) {
                return false;
            }
        }
        return true;
    }

    /** Joliet marks its supplementary descriptor with the UCS-2 escape sequence %/@, %/C or %/E. */
    static boolean isJoliet(byte[] sector) {
        if (Bytes.u8(sector, 0) != TYPE_SUPPLEMENTARY) {
            return false;
        }
        return sector[88] == '%' && sector[89] == '/' && (sector[90] == '@' || sector[90] == 'C' || sector[90] == 'E');
    }

    /** Reads the fields of a type 1 or Joliet descriptor; a bad block size or root record is corruption. */
    static VolumeDescriptor parse(byte[] sector, boolean joliet, String where) throws org.deskplane.disk.api.DiskFormatException {
        int blockSize = Bytes.le16(sector, 128);
        if (blockSize != 512 && blockSize != 1024 && blockSize != 2048) {
            throw new org.deskplane.disk.api.DiskFormatException(where + ": logical block size " + blockSize
                    + " is not 512, 1024 or 2048");
        }
        String label = joliet ? new String(sector, 40, 32, StandardCharsets.UTF_16BE)
                : new String(sector, 40, 32, StandardCharsets.ISO_8859_1);
        DirectoryRecord root = DirectoryRecord.parse(sector, 156, 34, where + " root directory record");
        if (!root.isDirectory()) {
            throw new org.deskplane.disk.api.DiskFormatException(where + ": root directory record is not a directory");
        }
        return new VolumeDescriptor(joliet, blockSize, label.replace('\0', ' ').strip(), root);
    }
}
