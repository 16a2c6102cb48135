package org.deskplane.content.index.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.deskplane.content.api.ContentIndex;
import org.deskplane.content.api.ContentLocation;
import org.deskplane.content.api.ContentView;
import org.deskplane.content.api.DataSource;
import org.deskplane.content.api.IndexState;
import org.deskplane.content.api.IndexStatus;
import org.deskplane.content.api.SourceKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;

/**
 * The DS component as the CAL sees it: an offered share is indexed in the background (BUILDING, then READY),
 * searched, stored under {@code ${deskplane.data}/content-index/}, and still there after the component restarts.
 */
class ContentIndexServiceTest {

    @TempDir
    Path tree;

    @Test
    void anOfferedShareIsIndexedInTheBackgroundAndSurvivesARestart() throws Exception {
        Files.writeString(tree.resolve("letter.txt"), "Dear Ada, the analytical engine works.\n", StandardCharsets.UTF_8);
        Files.writeString(tree.resolve("other.txt"), "Nothing to see here.\n", StandardCharsets.UTF_8);
        // unique per run: the data directory under target/ outlives a run that is not preceded by a clean
        String id = "share:service-test-" + Long.toHexString(System.nanoTime());
        DataSource source = new DataSource(id, SourceKind.SHARE, "service-test", "available", "share", false, "");
        ContentLocation location = new ContentLocation(id, "share", Map.of("root", tree.toString()));
        CountingSource share = CountingSource.ofRealShareBackend();

        ContentIndex index = service();
        assertEquals(IndexState.ABSENT, index.status(id).state());
        index.offer(source, location);
        IndexStatus ready = await(() -> index.status(id), s -> s.state() == IndexState.READY);
        assertEquals(2, ready.filesTotal());
        try (ContentView view = share.open(location)) {
            List<String> hits = index.search(id, "ANALYTICAL engine", p -> true, view, 10).stream()
                    .map(h -> h.entry().path()).toList();
            assertEquals(List.of("/letter.txt"), hits);
            assertEquals(List.of(), index.search(id, "analytical", p -> !p.equals("/letter.txt"), view, 10),
                    "the caller's filter hides the file");
        }
        Path stored = ContentIndexComponent.dataDirectory(System.getProperty("deskplane.data")).resolve("content-index");
        try (var files = Files.list(stored)) {
            assertTrue(files.anyMatch(f -> f.getFileName().toString().startsWith(id.replace(':', '_') + "-")), "nothing in " + stored);
        }

        Bundle bundle = FrameworkUtil.getBundle(ContentIndexComponent.class);
        bundle.stop();
        bundle.start();
        ContentIndex restarted = service();
        IndexStatus after = restarted.status(id);
        assertEquals(IndexState.READY, after.state(), after.toString());
        assertEquals(ready.updated(), after.updated());
    }

    private static ContentIndex service() throws Exception {
        BundleContext context = FrameworkUtil.getBundle(ContentIndexServiceTest.class).getBundleContext();
        ServiceTracker<ContentIndex, ContentIndex> tracker = new ServiceTracker<>(context, ContentIndex.class, null);
        tracker.open();
        try {
            ContentIndex index = tracker.waitForService(TimeUnit.SECONDS.toMillis(30));
            assertNotNull(index, "no ContentIndex service within 30 s");
            return index;
        } finally {
            tracker.close();
        }
    }

    private static IndexStatus await(Supplier<IndexStatus> status, java.util.function.Predicate<IndexStatus> done)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        IndexStatus last = status.get();
        while (!done.test(last)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the index did not get there within 30 s: " + last);
            }
            Thread.sleep(50);
            last = status.get();
        }
        return last;
    }
}
