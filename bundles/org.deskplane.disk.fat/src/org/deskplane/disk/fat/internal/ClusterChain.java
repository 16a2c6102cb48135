package org.deskplane.disk.fat.internal;

import java.io.IOException;

import org.deskplane.disk.api.DiskFormatException;

/**
 * A file's cluster chain, walked and checked once when the file is opened (it must hold exactly the clusters
 * the size needs and end there, which also catches loops), remembered as the cluster at every
 * {@value #STRIDE}th position: a read at any position walks at most {@value #STRIDE} - 1 FAT entries from the
 * nearest checkpoint, and the index of a 4 GiB file of 512-byte clusters takes 1 MiB.
 */
final class ClusterChain {

    static final int STRIDE = 32;

    private final FatTable fat;
    private final String owner;
    private final long length;
    private final long[] checkpoints;

    private ClusterChain(FatTable fat, String owner, long length, long[] checkpoints) {
        this.fat = fat;
        this.owner = owner;
        this.length = length;
        this.checkpoints = checkpoints;
    }

    /**
     * Walks the chain from {@code first}, which must have exactly {@code clusters} clusters.
     *
     * @throws DiskFormatException when it ends early, goes on past {@code clusters} (a loop or a cross-link), or
     *         meets a free, bad or out-of-range entry
     */
    static ClusterChain walk(FatTable fat, long first, long clusters, String owner) throws IOException {
        long[] checkpoints = new long[(int) ((clusters + STRIDE - 1) / STRIDE)];
        long cluster = first;
        for (long i = 0; i < clusters; i++) {
            if (i % STRIDE == 0) {
                checkpoints[(int) (i / STRIDE)] = cluster;
            }
            long next = fat.next(cluster, owner);
            if (i == clusters - 1) {
                if (next != FatTable.END_OF_CHAIN) {
                    throw new DiskFormatException(owner + ": cluster chain from " + first + " goes on past the "
                            + clusters + " clusters its size needs (to cluster " + next + ": a loop or cross-link)");
                }
            } else if (next == FatTable.END_OF_CHAIN) {
                throw new DiskFormatException(owner + ": cluster chain from " + first + " ends after " + (i + 1)
                        + " of the " + clusters + " clusters its size needs");
            }
            cluster = next;
        }
        return new ClusterChain(fat, owner, clusters, checkpoints);
    }

    long length() {
        return length;
    }

    /** The cluster at position {@code index} (0-based) of the chain. */
    long clusterAt(long index) throws IOException {
        long cluster = checkpoints[(int) (index / STRIDE)];
        for (long i = index - index % STRIDE; i < index; i++) {
            cluster = fat.next(cluster, owner);
        }
        return cluster;
    }

    /**
     * How many clusters from position {@code index} (whose cluster is {@code cluster}) lie back to back on
     * the volume, at most {@code max}: one device read covers them.
     */
    long contiguousFrom(long index, long cluster, long max) throws IOException {
        long count = 1;
        long current = cluster;
        while (count < max && index + count < length) {
            long next = fat.next(current, owner);
            if (next != current + 1) {
                break;
            }
            current = next;
            count++;
        }
        return count;
    }
}
