package org.deskplane.disk.image.internal.vmdk;

import static org.deskplane.disk.image.internal.Bytes.hex;
import static org.deskplane.disk.image.internal.Bytes.le16;
import static org.deskplane.disk.image.internal.Bytes.le32;
import static org.deskplane.disk.image.internal.Bytes.le64;

import java.io.IOException;

import org.deskplane.disk.api.DiskFormatException;
import org.deskplane.disk.image.internal.HostFile;

/**
 * The header of a hosted sparse extent ("KDMV"), with the grain directory's place taken from the footer when a
 * stream-optimized image writes it at the end. Sizes are in 512-byte sectors on disk and in bytes here.
 */
record SparseHeader(long capacity, long grainSize, long descriptorOffset, long descriptorSize, int gtesPerGt,
        long gdOffset, boolean compressed, boolean markers, boolean zeroGrains) {

    static final int MAGIC = 0x564D444B; // "KDMV" little-endian
    private static final long GD_AT_END = -1L;
    private static final int FLAG_ZERO_GRAINS = 1 << 2;
    private static final int FLAG_COMPRESSED = 1 << 16;
    private static final int FLAG_MARKERS = 1 << 17;
    private static final int DEFLATE = 1;
    /** A grain is inflated into memory whole: bound it (qemu's default is 64 KiB). */
    static final long MAX_GRAIN_BYTES = 4L << 20;
    private static final int MAX_GTES_PER_GT = 1 << 16;
    private static final long MAX_CAPACITY_SECTORS = 1L << 46;

    static boolean probe(byte[] header) {
        return header.length >= 4 && le32(header, 0) == MAGIC;
    }

    static SparseHeader read(HostFile file) throws IOException {
        SparseHeader header = parse(file, file.read("VMDK sparse header", 0, 512), 0);
        if (header.gdOffset == GD_AT_END) {
            // stream-optimized: footer marker, footer (a copy of the header with the real GD offset), EOS marker
            long footerAt = file.size() - 1024;
            if (footerAt < 512) {
                throw new DiskFormatException(file.describe() + ": stream-optimized VMDK has no footer");
            }
            header = parse(file, file.read("VMDK footer", footerAt, 512), footerAt);
            if (header.gdOffset == GD_AT_END) {
                throw new DiskFormatException(file.describe() + ": VMDK footer at " + hex(footerAt)
                        + " does not give the grain directory's offset");
            }
        }
        return header;
    }

    private static SparseHeader parse(HostFile file, byte[] h, long at) throws DiskFormatException {
        String where = file.describe() + ": VMDK sparse header at " + hex(at);
        if (le32(h, 0) != MAGIC) {
            throw new DiskFormatException(where + " has no KDMV magic");
        }
        int version = le32(h, 4);
        if (version < 1 || version > 3) {
            throw new DiskFormatException(where + ": version " + version + " is not supported");
        }
        int flags = le32(h, 8);
        long capacity = le64(h, 12);
        long grainSectors = le64(h, 20);
        long descriptorOffset = le64(h, 28);
        long descriptorSize = le64(h, 36);
        int gtes = le32(h, 44);
        long gdOffset = le64(h, 56);
        int algorithm = le16(h, 77);
        if (capacity < 0 || capacity > MAX_CAPACITY_SECTORS) {
            throw new DiskFormatException(where + ": capacity of " + capacity + " sectors is out of range");
        }
        if (grainSectors < 1 || grainSectors * 512 > MAX_GRAIN_BYTES || Long.bitCount(grainSectors) != 1) {
            throw new DiskFormatException(where + ": grain size of " + grainSectors + " sectors is invalid");
        }
        if (gtes < 1 || gtes > MAX_GTES_PER_GT) {
            throw new DiskFormatException(where + ": " + gtes + " grain table entries per table is invalid");
        }
        boolean compressed = (flags & FLAG_COMPRESSED) != 0;
        if (compressed && algorithm != DEFLATE) {
            throw new DiskFormatException(where + ": compression algorithm " + algorithm + " is not supported");
        }
        if (gdOffset != GD_AT_END && (gdOffset <= 0 || gdOffset > file.size() / 512)) {
            throw new DiskFormatException(where + ": grain directory at sector " + gdOffset
                    + " lies beyond the end of the file");
        }
        if (descriptorOffset < 0 || descriptorSize < 0 || descriptorSize > 2048) {
            throw new DiskFormatException(where + ": embedded descriptor of " + descriptorSize + " sectors is invalid");
        }
        return new SparseHeader(capacity * 512, grainSectors * 512, descriptorOffset * 512, descriptorSize * 512,
                gtes, gdOffset * 512, compressed, (flags & FLAG_MARKERS) != 0, (flags & FLAG_ZERO_GRAINS) != 0);
    }
}
