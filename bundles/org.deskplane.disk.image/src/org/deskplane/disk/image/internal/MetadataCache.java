package org.deskplane.disk.image.internal;

import java.io.IOException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A least-recently-used cache of metadata blocks (L2 tables, grain tables, BAT pages, inflated clusters) bounded
 * in bytes, so that an image with millions of tables still uses a few MiB. Thread-safe; a block is loaded outside
 * the lock (two threads may load the same block once each, which is harmless for read-only data).
 */
public final class MetadataCache {

    /** Loads one block on a miss. */
    @FunctionalInterface
    public interface Loader {
        byte[] load() throws IOException;
    }

    private final long capacityBytes;
    private final LinkedHashMap<Long, byte[]> blocks = new LinkedHashMap<>(16, 0.75f, true);
    private long usedBytes;

    public MetadataCache(long capacityBytes) {
        this.capacityBytes = capacityBytes;
    }

    public byte[] get(long key, Loader loader) throws IOException {
        synchronized (this) {
            byte[] cached = blocks.get(key);
            if (cached != null) {
                return cached;
            }
        }
        byte[] loaded = loader.load();
        synchronized (this) {
            byte[] previous = blocks.put(key, loaded);
            if (previous != null) {
                usedBytes -= previous.length;
            }
            usedBytes += loaded.length;
            Iterator<Map.Entry<Long, byte[]>> eldest = blocks.entrySet().iterator();
            // keep at least the block just loaded, even when it alone is larger than the budget
            while (usedBytes > capacityBytes && blocks.size() > 1 && eldest.hasNext()) {
                Map.Entry<Long, byte[]> entry = eldest.next();
                if (entry.getKey() == key) {
                    continue;
                }
                usedBytes -= entry.getValue().length;
                eldest.remove();
            }
        }
        return loaded;
    }

    /** Bytes held now (for tests of the bound). */
    public synchronized long usedBytes() {
        return usedBytes;
    }
}
