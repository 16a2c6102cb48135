package org.deskplane.disk.ext.internal;

import static org.deskplane.disk.ext.internal.Bytes.u16;
import static org.deskplane.disk.ext.internal.Bytes.u32;
import static org.deskplane.disk.ext.internal.Bytes.u8;

import java.io.IOException;
import java.util.Arrays;

import org.deskplane.disk.api.DiskFormatException;

/**
 * Reads a directory's entries linearly, block by block. htree (dir_index) directories read the same way: their
 * index blocks look like one empty entry spanning the block, and their leaves hold ordinary entries. Entries
 * with inode 0 (deleted, index blocks, checksum tails) and "." / ".." are skipped.
 */
final class DirectoryReader {

    /** More entries than this is treated as corruption rather than listed. */
    static final int MAX_ENTRIES = 1_000_000;
    /** Directories beyond this size are refused (ext4 large directories stay far below it). */
    private static final long MAX_DIRECTORY_BYTES = 1L << 30;

    /** Receives entries; returns false to stop. */
    interface Visitor {
        boolean entry(long inode, byte[] name, int fileType) throws IOException;
    }

    private final ExtVolume volume;

    DirectoryReader(ExtVolume volume) {
        this.volume = volume;
    }

    void read(Inode dir, Visitor visitor) throws IOException {
        int[] count = { 0 };
        if (dir.hasFlag(Inode.FLAG_INLINE_DATA)) {
            // the block area starts with the parent's inode number, then entries; system.data continues them
            byte[] area = dir.blockArea();
            String where = "ext inline directory inode " + dir.number();
            if (!parse(Arrays.copyOfRange(area, 4, area.length), dir, where, visitor, count)) {
                return;
            }
            byte[] more = InlineData.systemData(dir);
            if (more.length > 0) {
                parse(more, dir, where + " (system.data)", visitor, count);
            }
            return;
        }
        if (dir.size() > MAX_DIRECTORY_BYTES) {
            throw new DiskFormatException("ext directory inode " + dir.number() + " claims " + dir.size()
                    + " bytes, beyond the reader's limit of " + MAX_DIRECTORY_BYTES);
        }
        int blockSize = volume.blockSize();
        long blocks = (dir.size() + blockSize - 1) / blockSize;
        BlockMap map = volume.blockMap(dir);
        for (long b = 0; b < blocks; b++) {
            BlockMap.Run run = map.find(b);
            if (run.isZeros()) {
                b = Math.max(b, run.logicalStart() + run.length() - 1); // a hole holds no entries: skip all of it
                continue;
            }
            long physical = run.physicalStart() + (b - run.logicalStart());
            String where = "ext directory inode " + dir.number() + " block " + b + " (at " + physical + ")";
            byte[] block = volume.cache().block(physical, where);
            if (!parse(block, dir, where, visitor, count)) {
                return;
            }
        }
    }

    private boolean parse(byte[] data, Inode dir, String where, Visitor visitor, int[] count) throws IOException {
        boolean fileTypes = volume.superblock().has(ExtFeatures.INCOMPAT_FILETYPE);
        int at = 0;
        while (at < data.length) {
            if (data.length - at < 8) {
                throw new DiskFormatException(where + ": entry at offset " + at + " is cut off by the block end");
            }
            long inode = u32(data, at);
            int recordLength = u16(data, at + 4);
            int nameLength = fileTypes ? u8(data, at + 6) : u16(data, at + 6);
            int fileType = fileTypes ? u8(data, at + 7) : 0;
            if (recordLength < 8 || recordLength % 4 != 0 || recordLength > data.length - at) {
                throw new DiskFormatException(where + ": entry at offset " + at + " has rec_len " + recordLength
                        + " (must be a multiple of 4, at least 8, within the " + (data.length - at) + " bytes left)");
            }
            if (inode != 0 && (nameLength == 0 || nameLength + 8 > recordLength)) {
                throw new DiskFormatException(where + ": entry at offset " + at + " has a " + nameLength
                        + "-byte name in a " + recordLength + "-byte record");
            }
            if (inode != 0 && !isDotOrDotDot(data, at + 8, nameLength)) {
                if (++count[0] > MAX_ENTRIES) {
                    throw new DiskFormatException("ext directory inode " + dir.number() + " has more than "
                            + MAX_ENTRIES + " entries");
                }
                byte[] name = Arrays.copyOfRange(data, at + 8, at + 8 + nameLength);
                if (!visitor.entry(inode, name, fileType)) {
                    return false;
                }
            }
            at += recordLength;
        }
        return true;
    }

    private static boolean isDotOrDotDot(byte[] data, int at, int length) {
        return (length == 1 && data[at] == '.') || (length == 2 && data[at] == '.' && data[at + 1] == '.');
    }
}
