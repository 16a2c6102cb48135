package org.deskplane.content.index.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.deskplane.content.api.ContentException;
import org.deskplane.content.api.ContentHit;
import org.deskplane.content.api.ContentLocation;
import org.deskplane.content.api.ContentView;
import org.deskplane.content.api.DataSource;
import org.deskplane.content.api.IndexState;
import org.deskplane.content.api.IndexStatus;
import org.deskplane.content.api.SourceKind;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The indexer on a real share folder read through the real share backend: words, phrases, case and accents in
 * several scripts and encodings; binaries skipped; the byte, file and term caps; incremental rebuilds that read
 * only what changed; the stored index across a restart, and a damaged one rebuilt.
 */
class ContentIndexerTest {
    private static final String ID = "share:test";
    private static final int CAP = 64 * 1024;

    @TempDir
    Path tree;
    @TempDir
    Path data;

    private CountingSource backend;
    private final List<ContentIndexer> indexers = new ArrayList<>();
    private DataSource source;
    private ContentLocation location;

    @BeforeEach
    void makeTree() throws Exception {
        backend = CountingSource.ofRealShareBackend();
        write("en.txt", "The quick brown fox jumps over the lazy dog.\n");
        write("reversed.txt", "brown quick, said nobody\n");
        write("de.txt", "Herzliche GRÜSSE aus der Straße: schöne Bücher!\n");
        Files.write(tree.resolve("fr-latin1.txt"), "Un café crème à la française\n".getBytes(StandardCharsets.ISO_8859_1));
        write("ja.txt", "東京タワーは赤いです。\n");
        write("el.txt", "Καλημέρα κόσμε\n");
        write("ru.txt", "Привет, мир\n");
        write("nested/deep/notes.md", "Meeting notes: quarterly planning\n");
        write("Ünïcødé — 日本語.txt", "zebra\n");
        byte[] binary = new byte[8192];
        new Random(7).nextBytes(binary);
        byte[] word = "quick zebra".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(word, 0, binary, 100, word.length);
        binary[50] = 0;
        Files.write(tree.resolve("image.bin"), binary);
        StringBuilder big = new StringBuilder("alphastart is at the beginning\n");
        while (big.length() < 3 * CAP) {
            big.append("lorem ipsum dolor sit amet\n");
        }
        big.append("omegaend is beyond the cap\n");
        write("big.txt", big.toString());
        source = new DataSource(ID, SourceKind.SHARE, "test", "available", "share", false, "");
        location = new ContentLocation(ID, "share", Map.of("root", tree.toString(), "writable", "false"));
    }

    @AfterEach
    void closeIndexers() {
        indexers.forEach(ContentIndexer::close);
    }

    @Test
    void wordsPhrasesCaseAndAccentsInSeveralLanguages() throws Exception {
        ContentIndexer indexer = built(settings());
        assertEquals(List.of("/en.txt"), paths(indexer, "QUICK Fox"));
        assertEquals(List.of("/en.txt"), paths(indexer, "\"quick brown\""), "a phrase needs its words in order");
        assertEquals(List.of("/en.txt", "/reversed.txt"), paths(indexer, "brown quick"), "words in any order");
        assertEquals(List.of("/de.txt"), paths(indexer, "grusse STRASSE bucher"));
        assertEquals(List.of("/de.txt"), paths(indexer, "Grüße"));
        assertEquals(List.of("/fr-latin1.txt"), paths(indexer, "CAFE creme francaise"), "Latin-1 text is read as such");
        assertEquals(List.of("/ja.txt"), paths(indexer, "東京"), "Han characters are searchable without spaces");
        assertEquals(List.of("/ja.txt"), paths(indexer, "タワー"));
        assertEquals(List.of("/el.txt"), paths(indexer, "ΚΑΛΗΜΕΡΑ"));
        assertEquals(List.of("/ru.txt"), paths(indexer, "привет МИР"));
        assertEquals(List.of("/nested/deep/notes.md"), paths(indexer, "quarterly"));
        assertEquals(List.of("/Ünïcødé — 日本語.txt"), paths(indexer, "zebra"), "the binary with 'zebra' is skipped");
        assertEquals(List.of(), paths(indexer, "quick brown cat"), "all words must occur");

        ContentHit hit = search(indexer, "lazy").get(0);
        assertEquals("The quick brown fox jumps over the lazy dog.", hit.snippet());
        assertEquals(45, hit.entry().size(), "the entry is the file as it is now");
        assertThrows(ContentException.class, () -> search(indexer, " !!! "), "a query without words");
    }

    @Test
    void theCapsHold() throws Exception {
        ContentIndexer indexer = built(settings());
        assertEquals(List.of("/big.txt"), paths(indexer, "alphastart"));
        assertEquals(List.of(), paths(indexer, "omegaend"), "text beyond the byte cap is not indexed");
        assertTrue(backend.bytes.get("/big.txt").get() <= 2L * CAP, "read " + backend.bytes.get("/big.txt")
                + " bytes of big.txt: the cap is " + CAP + " per read (index, then check)");

        IndexSettings few = new IndexSettings(List.of("share:*"), List.of(), List.of("share"), false, CAP, 3, 1000,
                1000, 32, 0);
        ContentIndexer capped = built(few, data.resolve("few"));
        IndexStatus status = capped.status(ID);
        assertEquals(3, status.filesTotal());
        assertTrue(status.detail().contains("maxFiles"), status.detail());

        IndexSettings smallDictionary = new IndexSettings(List.of("share:*"), List.of(), List.of("share"), false, CAP,
                1000, 12, 1000, 32, 0);
        ContentIndexer small = built(smallDictionary, data.resolve("small"));
        assertTrue(small.status(ID).terms() <= 12, "terms: " + small.status(ID).terms());
        assertTrue(small.status(ID).detail().contains("terms"), small.status(ID).detail());
    }

    @Test
    void aRebuildReadsOnlyWhatChangedAndDropsWhatWentAway() throws Exception {
        ContentIndexer indexer = built(settings());
        assertEquals(11, indexer.status(ID).filesDone());
        backend.reset();

        write("en.txt", "A slow green turtle.\n");
        Files.setLastModifiedTime(tree.resolve("en.txt"), FileTime.from(Instant.now().plusSeconds(60)));
        Files.delete(tree.resolve("de.txt"));
        write("new.txt", "a brand new file about turtles\n");
        indexer.remember(source, location);
        indexer.buildNow(ID);

        assertEquals(Map.of("/en.txt", 1L, "/new.txt", 1L), Map.of("/en.txt", backend.opensOf("/en.txt"),
                "/new.txt", backend.opensOf("/new.txt")));
        assertEquals(2, backend.totalOpens(), "only the changed and the new file are read: " + backend.opens);
        assertEquals(List.of("/en.txt"), paths(indexer, "turtle"));
        assertEquals(List.of("/reversed.txt"), paths(indexer, "quick"), "the old text of en.txt is gone");
        assertEquals(List.of(), paths(indexer, "grusse"), "a deleted file drops out");
        assertEquals(11, indexer.status(ID).filesDone());
    }

    @Test
    void aSourceWhoseBuildFailedIsNotTriedOnEveryOfferOnlyAfterAPauseOrAChange() throws Exception {
        AtomicLong now = new AtomicLong(1_000_000_000L);
        ContentIndexer indexer = new ContentIndexer(data, settings(), backendName -> backend, now::get);
        indexers.add(indexer);
        ContentLocation gone = new ContentLocation(ID, "share",
                Map.of("root", tree.resolve("no-such-folder").toString(), "writable", "false"));

        indexer.offer(source, gone);
        IndexStatus failed = settled(indexer);
        assertEquals(IndexState.ABSENT, failed.state());
        assertTrue(failed.detail().contains("failed"), failed.detail());
        assertEquals(1, backend.views.get());

        for (int i = 0; i < 5; i++) {
            indexer.offer(source, gone); // what every listing of the user's sources does
            assertFalse(indexer.status(ID).state() == IndexState.BUILDING, "offer " + i + " scheduled a build again");
        }
        now.addAndGet(ContentIndexer.RETRY_FAILED_MILLIS - 1000);
        indexer.offer(source, gone);
        settled(indexer);
        assertEquals(1, backend.views.get(), "tried again before the pause was over");

        now.addAndGet(2000);
        indexer.offer(source, gone);
        settled(indexer);
        assertEquals(2, backend.views.get(), "after the pause the source is tried again");

        indexer.offer(source, location); // the source changed: no pause
        assertEquals(IndexState.READY, settled(indexer).state());
        assertEquals(3, backend.views.get());
        assertEquals(List.of("/en.txt"), paths(indexer, "quick fox"));
    }

    /** The status once no build is queued or running (bounded). */
    private static IndexStatus settled(ContentIndexer indexer) throws InterruptedException {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
        IndexStatus status = indexer.status(ID);
        while (status.state() == IndexState.BUILDING) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the build did not end within 30 s");
            }
            Thread.sleep(20);
            status = indexer.status(ID);
        }
        return status;
    }

    @Test
    void theStoredIndexSurvivesARestart() throws Exception {
        ContentIndexer first = built(settings());
        IndexStatus before = first.status(ID);
        first.close();
        backend.reset();

        ContentIndexer second = indexer(settings(), data);
        IndexStatus after = second.status(ID);
        assertEquals(IndexState.READY, after.state());
        assertTrue(after.indexed());
        assertEquals(before.filesDone(), after.filesDone());
        assertEquals(before.terms(), after.terms());
        assertEquals(before.updated(), after.updated());
        assertEquals(List.of("/en.txt"), paths(second, "quick fox"));

        backend.reset();
        second.remember(source, location);
        second.buildNow(ID);
        assertEquals(0, backend.totalOpens(), "an unchanged tree is not read again after a restart: " + backend.opens);
        assertEquals(IndexState.READY, second.status(ID).state());
    }

    @Test
    void aDamagedStoredIndexIsLoggedAndRebuilt() throws Exception {
        ContentIndexer first = built(settings());
        first.close();
        Path file = new IndexFile(data).pathOf(ID);
        byte[] stored = Files.readAllBytes(file);
        for (int i = stored.length / 3; i < stored.length / 3 + 16; i++) {
            stored[i] ^= 0x5A;
        }
        Files.write(file, stored);

        List<String> logged = new ArrayList<>();
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                logged.add(record.getMessage());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger logger = Logger.getLogger(ContentIndexer.class.getName());
        logger.addHandler(handler);
        try {
            ContentIndexer second = indexer(settings(), data);
            IndexStatus status = second.status(ID);
            assertEquals(IndexState.ABSENT, status.state());
            assertTrue(status.detail().contains("unreadable"), status.detail());
            assertTrue(logged.stream().anyMatch(m -> m.contains("unreadable") && m.contains(ID)), logged.toString());

            second.remember(source, location);
            second.buildNow(ID);
            assertEquals(IndexState.READY, second.status(ID).state());
            assertEquals(List.of("/en.txt"), paths(second, "quick fox"));
        } finally {
            logger.removeHandler(handler);
        }

        // a file cut short (a crash without the atomic rename would leave this) is damage too
        Files.write(file, java.util.Arrays.copyOf(Files.readAllBytes(file), 40));
        assertEquals(IndexState.ABSENT, indexer(settings(), data).status(ID).state());
    }

    @Test
    void onlyConfiguredSourcesAndBackendsAreIndexed() {
        IndexSettings defaults = IndexSettings.DEFAULTS;
        DataSource running = new DataSource("vm:h:1", SourceKind.DESKTOP, "d", "running", "disk", false, "may be stale");
        DataSource stopped = new DataSource("vm:h:1", SourceKind.DESKTOP, "d", "shut off", "disk", false, "");
        ContentLocation disk = new ContentLocation("vm:h:1", "disk", Map.of("image", "/x.qcow2"));
        ContentLocation agent = new ContentLocation("vm:h:1", "agent", Map.of("uuid", "1"));
        assertEquals(null, defaults.whyNotIndexed(stopped, disk), "a shut-off desktop's disk is indexed");
        assertNotNull(defaults.whyNotIndexed(running, disk), "a running desktop's live disk is not");
        assertNotNull(defaults.whyNotIndexed(running, agent), "nor its agent, unless configured");
        assertEquals(null, defaults.whyNotIndexed(source, location));
        IndexSettings excluding = new IndexSettings(List.of("*"), List.of("share:te*"), List.of("share", "agent"), false,
                CAP, 10, 10, 10, 4, 0);
        assertNotNull(excluding.whyNotIndexed(source, location));
        assertEquals(null, excluding.whyNotIndexed(running, agent));
    }

    // --- helpers ---------------------------------------------------------------------------------------------

    private static IndexSettings settings() {
        return new IndexSettings(List.of("share:*"), List.of(), List.of("share"), false, CAP, 1000, 100_000, 10_000, 32, 0);
    }

    private ContentIndexer indexer(IndexSettings settings, Path directory) {
        ContentIndexer indexer = new ContentIndexer(directory, settings, backendName -> backend, System::currentTimeMillis);
        indexers.add(indexer);
        return indexer;
    }

    private ContentIndexer built(IndexSettings settings) throws Exception {
        return built(settings, data);
    }

    private ContentIndexer built(IndexSettings settings, Path directory) throws Exception {
        ContentIndexer indexer = indexer(settings, directory);
        indexer.remember(source, location);
        indexer.buildNow(ID);
        IndexStatus status = indexer.status(ID);
        assertEquals(IndexState.READY, status.state(), status.toString());
        assertFalse(status.detail().contains("failed"), status.detail());
        return indexer;
    }

    private List<ContentHit> search(ContentIndexer indexer, String query) throws IOException {
        try (ContentView view = backend.open(location)) {
            return indexer.search(ID, query, path -> true, view, 100);
        }
    }

    private List<String> paths(ContentIndexer indexer, String query) throws IOException {
        return search(indexer, query).stream().map(hit -> hit.entry().path()).sorted().toList();
    }

    private void write(String relative, String text) throws IOException {
        Path file = tree.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }
}
