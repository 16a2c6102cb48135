package org.deskplane.disk.ext.internal;

import static org.deskplane.disk.ext.internal.Bytes.u16;
import static org.deskplane.disk.ext.internal.Bytes.u32;

import java.time.Instant;
import java.util.Arrays;

import org.deskplane.disk.api.DiskFormatException;
import org.deskplane.disk.api.FileType;

/** One inode as read from its table; {@code raw} keeps the whole on-disk inode for in-inode xattrs. */
record Inode(long number, int mode, long size, long flags, byte[] blockArea, long allocatedBytes, Instant modified,
        Instant accessed, Instant created, int extraSize, byte[] raw) {

    static final long FLAG_IMMUTABLE = 0x10;
    static final long FLAG_ENCRYPT = 0x800;
    static final long FLAG_HUGE_FILE = 0x40000;
    static final long FLAG_EXTENTS = 0x80000;
    static final long FLAG_INLINE_DATA = 0x10000000;

    static final int BLOCK_AREA_OFFSET = 0x28;
    static final int BLOCK_AREA_SIZE = 60;
    private static final int EXTRA_OFFSET = 0x80;

    static Inode parse(long number, byte[] raw, Superblock sb) throws DiskFormatException {
        if (sb.hasMetadataChecksums()) {
            verifyChecksum(number, raw, sb);
        }
        int mode = u16(raw, 0x00);
        boolean regular = (mode & 0xF000) == 0x8000;
        long size = u32(raw, 0x04);
        if (regular || sb.has(ExtFeatures.INCOMPAT_LARGEDIR)) {
            size |= u32(raw, 0x6C) << 32;
        }
        if (size < 0) {
            throw new DiskFormatException("ext inode " + number + ": negative size " + size);
        }
        long flags = u32(raw, 0x20);
        int extraSize = 0;
        if (raw.length > 128) {
            extraSize = u16(raw, EXTRA_OFFSET);
            if (extraSize % 4 != 0 || EXTRA_OFFSET + extraSize > raw.length) {
                throw new DiskFormatException("ext inode " + number + ": extra size " + extraSize
                        + " does not fit its " + raw.length + " bytes");
            }
        }
        long blocks = u32(raw, 0x1C);
        if (sb.hasRo(ExtFeatures.RO_COMPAT_HUGE_FILE)) {
            blocks |= (long) u16(raw, 0x74) << 32;
        }
        long allocated = (flags & FLAG_HUGE_FILE) != 0 ? blocks * sb.blockSize() : blocks * 512;
        Instant mtime = ExtTimes.decode(u32(raw, 0x10), extra(raw, extraSize, 0x88));
        Instant atime = ExtTimes.decode(u32(raw, 0x08), extra(raw, extraSize, 0x8C));
        Instant crtime = hasField(extraSize, 0x90) ? ExtTimes.decode(u32(raw, 0x90), extra(raw, extraSize, 0x94)) : null;
        byte[] blockArea = Arrays.copyOfRange(raw, BLOCK_AREA_OFFSET, BLOCK_AREA_OFFSET + BLOCK_AREA_SIZE);
        return new Inode(number, mode, size, flags, blockArea, allocated, mtime, atime, crtime, extraSize, raw);
    }

    /**
     * metadata_csum: crc32c over the inode number, generation and the inode with its checksum fields zeroed;
     * the high 16 bits are kept only where the extra fields reach i_checksum_hi.
     */
    private static void verifyChecksum(long number, byte[] raw, Superblock sb) throws DiskFormatException {
        boolean hasHigh = raw.length > 128 && u16(raw, EXTRA_OFFSET) >= 4;
        byte[] copy = raw.clone();
        copy[0x7C] = 0;
        copy[0x7D] = 0;
        if (hasHigh) {
            copy[0x82] = 0;
            copy[0x83] = 0;
        }
        int crc = Crc32c.updateLe32(sb.checksumSeed(), number);
        crc = Crc32c.updateLe32(crc, u32(raw, 0x64));
        crc = Crc32c.update(crc, copy, 0, copy.length);
        long stored = u16(raw, 0x7C) | (hasHigh ? (long) u16(raw, 0x82) << 16 : 0);
        long expected = (crc & 0xFFFF_FFFFL) & (hasHigh ? 0xFFFF_FFFFL : 0xFFFF);
        if (stored != expected) {
            throw new DiskFormatException("ext inode " + number + ": checksum 0x" + Long.toHexString(stored)
                    + " does not match 0x" + Long.toHexString(expected) + " (corrupt inode)");
        }
    }

    private static boolean hasField(int extraSize, int offset) {
        return EXTRA_OFFSET + extraSize >= offset + 4;
    }

    private static long extra(byte[] raw, int extraSize, int offset) {
        return hasField(extraSize, offset) ? u32(raw, offset) : -1;
    }

    FileType type() {
        return switch (mode & 0xF000) {
            case 0x8000 -> FileType.FILE;
            case 0x4000 -> FileType.DIRECTORY;
            case 0xA000 -> FileType.SYMLINK;
            default -> FileType.OTHER;
        };
    }

    boolean hasFlag(long flag) {
        return (flags & flag) != 0;
    }

    /** Where in-inode extended attributes start (after the extra fields), or -1 for a 128-byte inode. */
    int inlineXattrOffset() {
        return raw.length > 128 ? EXTRA_OFFSET + extraSize : -1;
    }
}
