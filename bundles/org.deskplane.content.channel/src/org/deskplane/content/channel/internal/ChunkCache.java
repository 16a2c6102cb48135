package org.deskplane.content.channel.internal;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Read chunks of agent files, least recently used out first, bounded in bytes. A chunk belongs to one version of a
 * file (its etag), so a changed file is never served from the cache; {@link #retain} also drops an older version's
 * chunks as soon as a newer etag is seen, instead of waiting for them to age out.
 */
final class ChunkCache {

    record Key(String vmId, String path, String etag, int chunkSize, long index) {
    }

    private final long maxBytes;
    private final LinkedHashMap<Key, byte[]> chunks = new LinkedHashMap<>(64, 0.75f, true);
    private long bytes;

    ChunkCache(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    synchronized byte[] get(Key key) {
        return chunks.get(key);
    }

    synchronized void put(Key key, byte[] chunk) {
        if (chunk.length > maxBytes) {
            return;
        }
        byte[] old = chunks.put(key, chunk);
        bytes += chunk.length - (old == null ? 0 : old.length);
        Iterator<byte[]> eldest = chunks.values().iterator();
        while (bytes > maxBytes && eldest.hasNext()) {
            bytes -= eldest.next().length;
            eldest.remove();
        }
    }

    /** Drops the chunks of {@code path} on {@code vmId} that belong to any version but {@code etag}. */
    synchronized void retain(String vmId, String path, String etag) {
        for (Iterator<Map.Entry<Key, byte[]>> it = chunks.entrySet().iterator(); it.hasNext();) {
            Map.Entry<Key, byte[]> e = it.next();
            Key k = e.getKey();
            if (k.vmId().equals(vmId) && k.path().equals(path) && !k.etag().equals(etag)) {
                bytes -= e.getValue().length;
                it.remove();
            }
        }
    }

    synchronized long bytes() {
        return bytes;
    }
}
