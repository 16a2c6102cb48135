package org.deskplane.disk.partition.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;

import org.deskplane.disk.api.BlockDevice;
import org.deskplane.disk.api.DiskFormatException;
import org.deskplane.disk.api.Partition;

/** The partition entry array a {@link GptHeader} points at, checked against the header's CRC32. */
final class GptEntryArray {

    private static final int NAME_OFFSET = 56;
    private static final int NAME_BYTES = 72;

    private GptEntryArray() {
    }

    /** The array's bytes, once they match the header's CRC32. */
    static byte[] load(BlockDevice disk, GptHeader header) throws IOException {
        int length = header.entryCount() * header.entrySize();
        byte[] array = Sectors.read(disk, header.entriesLba() * header.sectorSize(), length,
                header.which() + " GPT entry array");
        CRC32 crc = new CRC32();
        crc.update(array);
        if (crc.getValue() != header.entriesCrc()) {
            throw new DiskFormatException(where(disk, header) + ": CRC32 0x" + Long.toHexString(crc.getValue())
                    + " does not match the header's 0x" + Long.toHexString(header.entriesCrc()));
        }
        return array;
    }

    /**
     * The used entries (non-zero type GUID) as partitions numbered entry index + 1.
     *
     * @throws DiskFormatException when an entry does not lie within the disk
     */
    static List<Partition> partitions(BlockDevice disk, GptHeader header, byte[] array) throws IOException {
        String where = where(disk, header);
        long diskSectors = disk.size() / header.sectorSize();
        List<Partition> partitions = new ArrayList<>();
        for (int index = 0; index < header.entryCount(); index++) {
            int at = index * header.entrySize();
            if (Guids.isZero(array, at)) {
                continue;
            }
            long first = LittleEndian.u64(array, at + 32);
            long last = LittleEndian.u64(array, at + 40);
            if (first < 0 || last < 0 || first > last || last >= diskSectors) {
                throw new DiskFormatException(where + ": partition " + (index + 1) + " [LBA " + Long.toUnsignedString(first)
                        + ", " + Long.toUnsignedString(last) + "] does not lie within the disk's " + diskSectors
                        + " sectors");
            }
            partitions.add(new Partition(index + 1, first * header.sectorSize(),
                    (last - first + 1) * header.sectorSize(), "gpt", Guids.format(array, at), name(array, at)));
        }
        return partitions;
    }

    private static String where(BlockDevice disk, GptHeader header) {
        return header.which() + " GPT entry array at LBA " + header.entriesLba() + " of " + disk.describe();
    }

    /** The UTF-16LE name, up to its first NUL code unit. */
    private static String name(byte[] array, int entry) {
        int start = entry + NAME_OFFSET;
        int end = start;
        while (end < start + NAME_BYTES && (array[end] != 0 || array[end + 1] != 0)) {
            end += 2;
        }
        return new String(array, start, end - start, StandardCharsets.UTF_16LE);
    }
}
