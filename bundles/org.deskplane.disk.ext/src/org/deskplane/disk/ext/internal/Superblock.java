package org.deskplane.disk.ext.internal;

import static org.deskplane.disk.ext.internal.Bytes.u16;
import static org.deskplane.disk.ext.internal.Bytes.u32;
import static org.deskplane.disk.ext.internal.Bytes.u8;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import org.deskplane.disk.api.BlockDevice;
import org.deskplane.disk.api.DiskFormatException;

/** The primary superblock (1024 bytes at offset 1024), validated so that later arithmetic cannot overflow. */
record Superblock(long inodesCount, long blocksCount, long firstDataBlock, int blockSize, long blocksPerGroup,
        long inodesPerGroup, int inodeSize, long compat, long incompat, long roCompat, int descSize,
        long firstMetaBg, long groupCount, String label, String typeName, int checksumSeed) {

    static final int OFFSET = 1024;
    static final int SIZE = 1024;
    static final int MAGIC = 0xEF53;
    private static final int MAX_LOG_BLOCK_SIZE = 6; // 1 KiB << 6 = 64 KiB, the largest ext allows

    /** Cheap check for probing: the magic number and a block size ext allows. */
    static boolean looksLikeExt(BlockDevice volume) throws IOException {
        if (volume.size() < OFFSET + SIZE) {
            return false;
        }
        byte[] sb = new byte[SIZE];
        volume.read(OFFSET, sb, 0, SIZE);
        return u16(sb, 0x38) == MAGIC && u32(sb, 0x18) <= MAX_LOG_BLOCK_SIZE;
    }

    static Superblock read(BlockDevice volume) throws IOException {
        String where = "ext superblock of " + volume.describe();
        if (volume.size() < OFFSET + SIZE) {
            throw new DiskFormatException(where + ": the volume has only " + volume.size() + " bytes");
        }
        byte[] sb = new byte[SIZE];
        volume.read(OFFSET, sb, 0, SIZE);
        if (u16(sb, 0x38) != MAGIC) {
            throw new DiskFormatException(where + ": bad magic 0x" + Integer.toHexString(u16(sb, 0x38))
                    + " (expected 0xef53)");
        }
        long compat = u32(sb, 0x5C);
        long incompat = u32(sb, 0x60);
        long roCompat = u32(sb, 0x64);
        if ((roCompat & ExtFeatures.RO_COMPAT_METADATA_CSUM) != 0) {
            verifyChecksum(sb, where);
        }
        ExtFeatures.requireSupported(incompat, where);

        long logBlockSize = u32(sb, 0x18);
        if (logBlockSize > MAX_LOG_BLOCK_SIZE) {
            throw new DiskFormatException(where + ": block size 1024 << " + logBlockSize + " is beyond 64 KiB");
        }
        int blockSize = 1024 << logBlockSize;
        boolean is64 = (incompat & ExtFeatures.INCOMPAT_64BIT) != 0;
        long blocksCount = u32(sb, 0x04) | (is64 ? u32(sb, 0x150) << 32 : 0);
        long firstDataBlock = u32(sb, 0x14);
        long blocksPerGroup = u32(sb, 0x20);
        long inodesPerGroup = u32(sb, 0x28);
        long inodesCount = u32(sb, 0x00);
        long revLevel = u32(sb, 0x4C);
        int inodeSize = revLevel == 0 ? 128 : u16(sb, 0x58);
        int descSize = is64 ? u16(sb, 0xFE) : 32;
        long firstMetaBg = u32(sb, 0x104);

        if (blocksCount <= firstDataBlock || blocksCount > volume.size() / blockSize) {
            throw new DiskFormatException(where + ": " + blocksCount + " blocks of " + blockSize
                    + " bytes do not fit the volume's " + volume.size() + " bytes (truncated image?)");
        }
        boolean bigalloc = (roCompat & ExtFeatures.RO_COMPAT_BIGALLOC) != 0;
        // bigalloc starts its data at block 0 even with 1 KiB blocks
        if (firstDataBlock != (blockSize == 1024 && !bigalloc ? 1 : 0) && !(bigalloc && firstDataBlock == 0)) {
            throw new DiskFormatException(where + ": first data block " + firstDataBlock + " is wrong for "
                    + blockSize + "-byte blocks");
        }
        long logClusterSize = bigalloc ? u32(sb, 0x1C) : logBlockSize;
        if (logClusterSize < logBlockSize || logClusterSize > logBlockSize + 16) {
            throw new DiskFormatException(where + ": cluster size 1024 << " + logClusterSize + " for "
                    + blockSize + "-byte blocks");
        }
        long bitmapCapacity = 8L * blockSize << (logClusterSize - logBlockSize); // one bit per cluster
        if (blocksPerGroup == 0 || blocksPerGroup > bitmapCapacity) {
            throw new DiskFormatException(where + ": " + blocksPerGroup + " blocks per group (block bitmap covers "
                    + bitmapCapacity + ")");
        }
        if (inodesPerGroup == 0 || inodesPerGroup > 8L * blockSize) {
            throw new DiskFormatException(where + ": " + inodesPerGroup + " inodes per group");
        }
        if (inodeSize < 128 || inodeSize > blockSize || Integer.bitCount(inodeSize) != 1) {
            throw new DiskFormatException(where + ": inode size " + inodeSize);
        }
        if (descSize < 32 || descSize > blockSize || Integer.bitCount(descSize) != 1 || (is64 && descSize < 64)) {
            throw new DiskFormatException(where + ": group descriptor size " + descSize);
        }
        long groupCount = (blocksCount - firstDataBlock + blocksPerGroup - 1) / blocksPerGroup;
        if (inodesCount == 0 || inodesCount > groupCount * inodesPerGroup) {
            throw new DiskFormatException(where + ": " + inodesCount + " inodes but " + groupCount + " groups of "
                    + inodesPerGroup);
        }
        String label = cString(sb, 0x78, 16);
        // metadata checksums start from this seed: stored, or derived from the UUID
        int seed = (incompat & ExtFeatures.INCOMPAT_CSUM_SEED) != 0 ? (int) u32(sb, 0x270)
                : Crc32c.update(~0, sb, 0x68, 16);
        return new Superblock(inodesCount, blocksCount, firstDataBlock, blockSize, blocksPerGroup, inodesPerGroup,
                inodeSize, compat, incompat, roCompat, descSize, firstMetaBg, groupCount, label,
                ExtFeatures.typeName(compat, incompat, roCompat), seed);
    }

    boolean has(long incompatFeature) {
        return (incompat & incompatFeature) != 0;
    }

    boolean hasMetadataChecksums() {
        return hasRo(ExtFeatures.RO_COMPAT_METADATA_CSUM);
    }

    boolean hasRo(long roCompatFeature) {
        return (roCompat & roCompatFeature) != 0;
    }

    /** Whether group {@code group} holds a superblock copy (and so its descriptors start one block later). */
    boolean groupHasSuperblock(long group) {
        if (!hasRo(ExtFeatures.RO_COMPAT_SPARSE_SUPER) || group <= 1) {
            return true;
        }
        return isPowerOf(group, 3) || isPowerOf(group, 5) || isPowerOf(group, 7);
    }

    private static boolean isPowerOf(long n, int base) {
        long p = base;
        while (p < n) {
            p *= base;
        }
        return p == n;
    }

    /** metadata_csum: crc32c of the first 1020 bytes, stored without the final inversion Java's CRC32C applies. */
    private static void verifyChecksum(byte[] sb, String where) throws DiskFormatException {
        if (u8(sb, 0x175) != 1) {
            throw new DiskFormatException(where + ": unknown checksum type " + u8(sb, 0x175));
        }
        long expected = Crc32c.update(~0, sb, 0, 0x3FC) & 0xFFFF_FFFFL;
        long stored = u32(sb, 0x3FC);
        if (stored != expected) {
            throw new DiskFormatException(where + ": checksum 0x" + Long.toHexString(stored) + " does not match 0x"
                    + Long.toHexString(expected) + " (corrupt superblock)");
        }
    }

    static String cString(byte[] b, int at, int max) {
        int end = at;
        while (end < at + max && b[end] != 0) {
            end++;
        }
        return new String(b, at, end - at, StandardCharsets.UTF_8);
    }
}
