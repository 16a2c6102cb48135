package org.deskplane.vmdiff.qcow2.internal;

/**
 * Where the refcount blocks and the refcount table of a freshly written image go: right after the last used
 * cluster, sized so that they also count themselves (16-bit refcounts, every cluster used exactly once).
 *
 * @param usedClusters clusters 0..usedClusters-1 hold header, data, L2 and L1
 * @param blocks refcount blocks, at clusters usedClusters..usedClusters+blocks-1
 * @param tableClusters refcount table clusters, right after the blocks
 */
public record RefcountLayout(long usedClusters, long blocks, long tableClusters, int clusterSize) {

    public static final int REFCOUNT_ORDER = 4; // 16-bit refcounts, qemu's default

    public static RefcountLayout plan(long usedClusters, int clusterSize) {
        long perBlock = refcountsPerBlock(clusterSize);
        long blocks = 0;
        long tableClusters = 0;
        // adding blocks and table clusters can need more of them; the counts only grow and settle within a few
        // rounds because each block counts thousands of clusters
        for (int round = 0; round < 64; round++) {
            long total = usedClusters + blocks + tableClusters;
            long neededBlocks = Math.ceilDiv(total, perBlock);
            long neededTable = Math.ceilDiv(neededBlocks * 8, clusterSize);
            if (neededBlocks == blocks && neededTable == tableClusters) {
                return new RefcountLayout(usedClusters, blocks, tableClusters, clusterSize);
            }
            blocks = neededBlocks;
            tableClusters = neededTable;
        }
        throw new IllegalStateException("refcount layout did not settle for " + usedClusters + " clusters");
    }

    public static long refcountsPerBlock(int clusterSize) {
        return clusterSize * 8L / (1 << REFCOUNT_ORDER);
    }

    public long firstBlockCluster() {
        return usedClusters;
    }

    public long tableCluster() {
        return usedClusters + blocks;
    }

    /** All clusters of the finished file, every one with refcount 1. */
    public long totalClusters() {
        return usedClusters + blocks + tableClusters;
    }
}
