package org.deskplane.vmdiff.remote.internal;

/**
 * What one push to the server sent: how many clusters and memory blocks (and their bytes) crossed, and how many
 * of the generation's were already on the server. Kept per VM for logs and tests.
 */
record PushReport(String vm, long generation, String relation, int clustersSent, int memoryBlocksSent, long bytesSent,
        int dataClusters, int memoryBlocks) {
}
