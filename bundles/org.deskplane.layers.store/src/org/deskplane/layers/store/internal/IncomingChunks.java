package org.deskplane.layers.store.internal;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Chunks put but not yet named by a version live in {@code incoming/}, written without forcing them to disk: an upload
 * that never publishes needs no durability (garbage collection removes its chunks), and one fsync per chunk was most of
 * the cost of an upload. A publish promotes the chunks it names before its version file is written: each is forced
 * (many at once, so that the file system commits them together), moved to {@code chunks/}, and the folders it moved
 * into are forced. So every file in {@code chunks/} is durable. A chunk in {@code incoming/} that an earlier run of the
 * process wrote may have been damaged by a power loss: it is read and checked against its id before it is promoted,
 * and a damaged one is deleted and reported missing, so that the uploader sends it again.
 */
final class IncomingChunks {

    /** Enough concurrent fsyncs for the file system to batch them into few journal commits. */
    private static final int PARALLEL_FORCES = 16;

    private final ChunkFiles incoming;
    private final ChunkFiles durable;
    private final Function<String, Object> stripe;
    private final Predicate<String> intactOrDiscarded;
    private final Set<String> writtenThisRun = ConcurrentHashMap.newKeySet();
    private final ExecutorService forcing = forcingThreads();

    /**
     * @param stripe the lock that serializes puts of one id (a promotion moves a file a put may be looking for)
     * @param intactOrDiscarded reads an incoming chunk of an earlier run against its id; when damaged, deletes it and
     *        answers false
     */
    IncomingChunks(ChunkFiles incoming, ChunkFiles durable, Function<String, Object> stripe, Predicate<String> intactOrDiscarded) {
        this.incoming = incoming;
        this.durable = durable;
        this.stripe = stripe;
        this.intactOrDiscarded = intactOrDiscarded;
    }

    ChunkFiles files() {
        return incoming;
    }

    /** Called under the id's stripe, when neither folder has the chunk. */
    void write(String id, byte[] stored) throws IOException {
        incoming.writeUnforced(id, stored);
        writtenThisRun.add(id);
    }

    /**
     * Makes the named incoming chunks durable in {@code chunks/}. Called with the collection guard's shared side held
     * (no collection deletes meanwhile). Returns the ids that turned out missing (damaged and deleted, or gone).
     */
    List<String> promote(List<String> ids) throws IOException {
        List<Future<String>> moves = new ArrayList<>(ids.size());
        for (String id : ids) {
            moves.add(forcing.submit(() -> promoteOne(id)));
        }
        List<String> missing = new ArrayList<>();
        Map<Path, String> folders = new HashMap<>();
        for (int i = 0; i < moves.size(); i++) {
            String id = await(moves.get(i));
            if (id == null) {
                missing.add(ids.get(i));
            } else {
                folders.putIfAbsent(durable.file(id).getParent(), id);
            }
        }
        // the renames are durable only once the folders that received them are forced
        List<Future<String>> forces = new ArrayList<>(folders.size());
        for (String id : folders.values()) {
            forces.add(forcing.submit(() -> {
                durable.forceFolder(id);
                return id;
            }));
        }
        for (Future<String> force : forces) {
            await(force);
        }
        return missing;
    }

    /** The id when it is now durable in chunks/, null when it is missing. */
    private String promoteOne(String id) throws IOException {
        if (!writtenThisRun.contains(id) && incoming.exists(id) && !intactOrDiscarded.test(id)) {
            return null;
        }
        try {
            incoming.force(id);
        } catch (NoSuchFileException gone) {
            // promoted meanwhile by another publish: fine if it is in chunks/ now
            return durable.exists(id) ? id : null;
        }
        synchronized (stripe.apply(id)) {
            if (durable.exists(id)) {
                incoming.delete(id); // a put raced a promotion: the durable copy is the same bytes
            } else if (incoming.exists(id)) {
                incoming.moveTo(id, durable);
            } else {
                return null;
            }
        }
        writtenThisRun.remove(id);
        return id;
    }

    /** Daemon threads that end when idle: a store that is dropped (tests open many) leaves none behind. */
    private static ExecutorService forcingThreads() {
        ThreadPoolExecutor pool = new ThreadPoolExecutor(PARALLEL_FORCES, PARALLEL_FORCES, 10, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), runnable -> {
                    Thread thread = new Thread(runnable, "deskplane-layers-store-force");
                    thread.setDaemon(true);
                    return thread;
                });
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }

    private static String await(Future<String> future) throws IOException {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while forcing chunks to disk", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IOException("could not force chunks to disk: " + e.getCause(), e.getCause());
        }
    }
}
