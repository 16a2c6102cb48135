package org.deskplane.vmdiff.remote.internal;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.deskplane.vmdiff.api.ClusterEntry;
import org.deskplane.vmdiff.api.DifferenceSource;

/**
 * The cluster indexes of the last few generations served: a host pulling a large disk asks for hundreds of
 * batches of one generation, and re-reading and re-hashing its index for each would cost more than the batch.
 * Published generations never change, so a cached index stays right.
 */
final class IndexCache {
    private static final int KEEP = 4;
    private final Map<String, List<ClusterEntry>> cached = new LinkedHashMap<>(8, 0.75f, true);

    List<ClusterEntry> clusters(DifferenceSource copy, String vm, long number) throws IOException {
        String key = System.identityHashCode(copy) + "/" + vm + "/" + number;
        synchronized (this) {
            List<ClusterEntry> hit = cached.get(key);
            if (hit != null) {
                return hit;
            }
        }
        List<ClusterEntry> read = copy.clusters(vm, number);
        synchronized (this) {
            cached.put(key, read);
            if (cached.size() > KEEP) {
                cached.remove(cached.keySet().iterator().next());
            }
        }
        return read;
    }
}
