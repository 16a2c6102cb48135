package org.deskplane.hypervisor.demo.internal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Builds the bytes of an empty qcow2 (version 3) image: every cluster unallocated, so a reader sees zeros, or the
 * backing file's data for an overlay. Layout, one 64 KiB cluster each: header (with the backing format extension
 * and the backing file name), refcount table, one refcount block, then the L1 table. Nothing else is needed for
 * qemu-img and other qcow2 readers to open and check the image.
 */
final class Qcow2Image {

    static final int MAGIC = 0x514649fb; // "QFI\xfb"
    static final int VERSION = 3;
    static final int CLUSTER_BITS = 16;
    static final int CLUSTER_SIZE = 1 << CLUSTER_BITS;
    /** 16-bit refcounts, qemu's default. */
    static final int REFCOUNT_ORDER = 4;
    static final int HEADER_LENGTH = 104;
    private static final int EXTENSION_BACKING_FORMAT = 0xe2792aca;
    /** One refcount block of 16-bit entries covers this many clusters; our images use a handful. */
    private static final int CLUSTERS_PER_REFCOUNT_BLOCK = CLUSTER_SIZE / 2;
    private static final long MAX_SIZE = 1L << 44; // 16 TiB: far more than a demo needs, far below qcow2's limits

    private Qcow2Image() {
    }

    /**
     * @param virtualSize   the disk size the guest sees, a multiple of 512
     * @param backingFile   the backing image's file name as written in the header (relative names are resolved
     *                      against the image's own directory), or null
     * @param backingFormat the backing image's format ("qcow2", "raw"), or null
     */
    static byte[] build(long virtualSize, String backingFile, String backingFormat) {
        if (virtualSize <= 0 || virtualSize % 512 != 0 || virtualSize > MAX_SIZE) {
            throw new IllegalArgumentException("qcow2 size must be a positive multiple of 512 up to 16 TiB: "
                    + virtualSize);
        }
        long bytesPerL1Entry = (long) CLUSTER_SIZE * (CLUSTER_SIZE / 8); // one L2 table maps 8192 clusters
        int l1Entries = (int) ((virtualSize + bytesPerL1Entry - 1) / bytesPerL1Entry);
        int l1Clusters = Math.max(1, (l1Entries * 8 + CLUSTER_SIZE - 1) / CLUSTER_SIZE);
        long refcountTableOffset = CLUSTER_SIZE;
        long refcountBlockOffset = 2L * CLUSTER_SIZE;
        long l1Offset = 3L * CLUSTER_SIZE;
        int clusters = 3 + l1Clusters;

        ByteBuffer image = ByteBuffer.allocate(clusters * CLUSTER_SIZE).order(ByteOrder.BIG_ENDIAN);
        byte[] name = backingFile == null ? new byte[0] : backingFile.getBytes(StandardCharsets.UTF_8);
        byte[] format = backingFormat == null ? new byte[0] : backingFormat.getBytes(StandardCharsets.US_ASCII);
        int extensions = format.length == 0 ? 0 : 8 + pad8(format.length);
        int nameOffset = HEADER_LENGTH + extensions + 8; // after the end-of-extensions marker
        if (name.length > 1023 || nameOffset + name.length > CLUSTER_SIZE) {
            throw new IllegalArgumentException("backing file name too long: " + backingFile);
        }

        image.putInt(0, MAGIC);
        image.putInt(4, VERSION);
        image.putLong(8, name.length == 0 ? 0 : nameOffset);
        image.putInt(16, name.length);
        image.putInt(20, CLUSTER_BITS);
        image.putLong(24, virtualSize);
        image.putInt(32, 0); // no encryption
        image.putInt(36, l1Entries);
        image.putLong(40, l1Offset);
        image.putLong(48, refcountTableOffset);
        image.putInt(56, 1); // refcount table clusters
        image.putInt(60, 0); // snapshots
        image.putLong(64, 0);
        image.putLong(72, 0); // incompatible features
        image.putLong(80, 0); // compatible features
        image.putLong(88, 0); // autoclear features
        image.putInt(96, REFCOUNT_ORDER);
        image.putInt(100, HEADER_LENGTH);
        int position = HEADER_LENGTH;
        if (format.length > 0) {
            image.putInt(position, EXTENSION_BACKING_FORMAT);
            image.putInt(position + 4, format.length);
            image.put(position + 8, format);
            position += 8 + pad8(format.length);
        }
        position += 8; // end of extensions: type 0, length 0 (already zero)
        image.put(position, name);

        image.putLong((int) refcountTableOffset, refcountBlockOffset);
        if (clusters > CLUSTERS_PER_REFCOUNT_BLOCK) {
            throw new IllegalStateException("image metadata larger than one refcount block");
        }
        for (int cluster = 0; cluster < clusters; cluster++) {
            image.putShort((int) refcountBlockOffset + cluster * 2, (short) 1);
        }
        return image.array(); // L1 table: all zero = nothing allocated
    }

    private static int pad8(int length) {
        return (length + 7) & ~7;
    }
}
