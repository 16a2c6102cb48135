package org.deskplane.vmdiff.qcow2.internal;

/** qemu's own limits on a qcow2 image; anything beyond them is refused before it sizes an allocation. */
public final class Limits {

    public static final int MIN_CLUSTER_BITS = 9;
    public static final int MAX_CLUSTER_BITS = 21;
    /** qemu refuses L1 tables larger than 32 MiB (QCOW_MAX_L1_SIZE). */
    public static final int MAX_L1_ENTRIES = (32 << 20) / 8;
    /** qemu's limit on the backing file name (it keeps it in a 1024-byte buffer with a terminating NUL). */
    public static final int MAX_BACKING_NAME = 1023;
    /** qemu keeps the backing format in a 16-byte buffer with a terminating NUL. */
    public static final int MAX_BACKING_FORMAT = 15;
    /** Offsets in L1/L2 entries have 56 bits; a larger virtual size cannot be addressed. */
    public static final long MAX_VIRTUAL_SIZE = 1L << 55;
    /** Header extensions are walked one by one: stop a crafted header cluster from being a long list. */
    public static final int MAX_EXTENSIONS = 1024;

    private Limits() {
    }

    /** The L1 entries needed to cover {@code virtualSize} with clusters of {@code 2^clusterBits} bytes. */
    public static long l1EntriesFor(long virtualSize, int clusterBits) {
        long bytesPerL2Table = (1L << clusterBits) * ((1L << clusterBits) / 8);
        return Math.ceilDiv(virtualSize, bytesPerL2Table);
    }
}
