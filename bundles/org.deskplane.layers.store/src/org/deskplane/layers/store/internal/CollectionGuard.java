package org.deskplane.layers.store.internal;

import java.util.Collection;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * What keeps a publish and a garbage collection from crossing. Writers of references (publish, put, the "present"
 * answer to an uploader) hold the shared side from their existence check to their commit; the collector holds the
 * exclusive side around each small batch of deletions and re-checks each candidate there. While a collection runs,
 * every publish also records what it names in {@link #published}, because the collector's mark phase may have read
 * the versions before that publish committed.
 */
final class CollectionGuard {

    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private volatile Set<String> published;

    void enterShared() {
        lock.readLock().lock();
    }

    void leaveShared() {
        lock.readLock().unlock();
    }

    void enterExclusive() {
        lock.writeLock().lock();
    }

    void leaveExclusive() {
        lock.writeLock().unlock();
    }

    /** Called with the shared side held: the ids a publish is committing (chunks and manifest digests). */
    void recordPublished(Collection<String> ids) {
        Set<String> current = published;
        if (current != null) {
            current.addAll(ids);
        }
    }

    /** Starts recording (exclusive side held, so no publish is half way through). */
    void beginCollection() {
        published = ConcurrentHashMap.newKeySet();
    }

    void endCollection() {
        published = null;
    }

    /** Whether a publish since {@link #beginCollection()} named the id (exclusive side held). */
    boolean publishedSinceMark(String id) {
        Set<String> current = published;
        return current != null && current.contains(id);
    }
}
