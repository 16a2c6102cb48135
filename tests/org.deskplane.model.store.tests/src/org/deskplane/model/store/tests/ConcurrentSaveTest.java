package org.deskplane.model.store.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

import org.deskplane.model.Inventory;
import org.deskplane.model.store.internal.FileModelStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Many threads saving and loading one model: every load sees one whole saved model, nothing is torn. */
class ConcurrentSaveTest {

    private static final int WRITERS = 6;
    private static final int SAVES_EACH = 40;

    @TempDir
    Path directory;

    @Test
    void concurrentSavesAndLoadsNeverSeeATornModel() throws Exception {
        FileModelStore store = new FileModelStore(directory);
        Set<Long> written = ConcurrentHashMap.newKeySet();
        ExecutorService pool = Executors.newFixedThreadPool(WRITERS + 2);
        CountDownLatch start = new CountDownLatch(1);
        AtomicBoolean writersDone = new AtomicBoolean();
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        List<Future<Integer>> writers = new ArrayList<>();
        List<Future<Integer>> readers = new ArrayList<>();
        try {
            for (int w = 0; w < WRITERS; w++) {
                int writer = w;
                writers.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < SAVES_EACH; i++) {
                        long revision = 1_000L * writer + i + 1;
                        store.save("inventory", SampleInventories.full(revision));
                        written.add(revision);
                    }
                    return SAVES_EACH;
                }));
            }
            for (int r = 0; r < 2; r++) {
                readers.add(pool.submit(() -> {
                    start.await();
                    int loads = 0;
                    while (!writersDone.get() && System.nanoTime() < deadline) {
                        Inventory seen = store.load("inventory", Inventory.class);
                        if (seen.getRevision() != 0) { // 0: nothing saved yet, an empty inventory
                            assertNull(SampleInventories.inconsistency(seen));
                        }
                        loads++;
                    }
                    return loads;
                }));
            }
            start.countDown();
            try {
                for (Future<Integer> writer : writers) {
                    assertEquals(SAVES_EACH, writer.get(2, TimeUnit.MINUTES));
                }
            } finally {
                writersDone.set(true);
            }
            for (Future<Integer> reader : readers) {
                assertTrue(reader.get(1, TimeUnit.MINUTES) > 0, "a reader made no load");
            }
            assertEquals(WRITERS * SAVES_EACH, written.size());
        } finally {
            pool.shutdownNow();
        }

        Inventory last = new FileModelStore(directory).load("inventory", Inventory.class);
        assertTrue(written.contains(last.getRevision()), "final revision " + last.getRevision() + " was never saved");
        assertNull(SampleInventories.inconsistency(last));
        try (Stream<Path> files = Files.list(directory)) {
            assertEquals(List.of(directory.resolve("inventory.xmi")), files.toList(), "no temporary files left");
        }
    }
}
