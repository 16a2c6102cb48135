package org.deskplane.layers.store.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.deskplane.layers.api.CvdVersion;
import org.deskplane.layers.api.Layer;
import org.deskplane.layers.api.LayerManifest;
import org.deskplane.layers.chunking.Chunker;
import org.deskplane.layers.chunking.FileChunks;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Whole-file and chunk deduplication across endpoints and CVDs, with the shared content-defined chunker. */
class DedupTest {

    private static final long GIB = 1L << 30;
    private Path work;

    @AfterEach
    void deleteTheGigabyte() throws IOException {
        Fixtures.deleteTree(work);
    }

    @Test
    void aSecondEndpointWithTheSameGigabyteSendsAlmostNothingAndAOneByteInsertionOnlyNearbyChunks() throws Exception {
        work = Files.createTempDirectory("layers-dedup");
        Path tree = work.resolve("tree");
        // 1 GiB: 55 files of 16 MiB, 64 of 2 MiB and 256 of 64 KiB, reproducible pseudo-random content
        long total = 0;
        int n = 0;
        for (int i = 0; i < 55; i++, n++) {
            Fixtures.writeRandomFile(tree.resolve("big/file" + i + ".bin"), n, 16L << 20);
            total += 16L << 20;
        }
        for (int i = 0; i < 64; i++, n++) {
            Fixtures.writeRandomFile(tree.resolve("mid/file" + i + ".bin"), n, 2L << 20);
            total += 2L << 20;
        }
        for (int i = 0; i < 256; i++, n++) {
            Fixtures.writeRandomFile(tree.resolve("small/d" + i % 16 + "/file" + i + ".bin"), n, 64L << 10);
            total += 64L << 10;
        }
        assertEquals(GIB, total);
        // random content does not deflate: the store's compression is not what this test measures
        FileCvdStore store = new FileCvdStore(work.resolve("store"), StoreSettings.defaults().withCompression(false), Clock.systemUTC());
        store.create("alice", "alice");
        store.create("bob", "bob");

        TreeUpload first = new TreeUpload();
        LayerManifest manifest = first.upload(store, tree, Layer.USER_FILES);
        store.publish("alice", Fixtures.upload(0, 0, manifest));
        assertEquals(GIB, first.bytesSent, "the first endpoint sends everything once");

        // the second endpoint (another user's CVD, the same files) offers its chunk ids and sends what is missing
        Set<String> offered = TreeUpload.chunkIds(tree);
        Set<String> missing = store.missingChunks(offered);
        TreeUpload second = new TreeUpload();
        LayerManifest again = second.upload(store, tree, Layer.USER_FILES);
        store.publish("bob", Fixtures.upload(0, 0, again));
        System.out.println("dedup-test: first endpoint sent " + first.bytesSent + " bytes in " + first.chunksSent
                + " chunks; second endpoint: " + missing.size() + " of " + offered.size() + " chunks missing, " + second.bytesSent
                + " bytes sent");
        assertTrue(second.bytesSent < GIB / 100, "second endpoint sent " + second.bytesSent + " bytes");
        assertEquals(0, second.bytesSent, "identical content is stored once");
        assertEquals(manifest.layer(), again.layer());
        var stats = store.stats();
        assertTrue(stats.storedBytes() < GIB + GIB / 100, "stored once: " + stats);
        assertEquals(2 * GIB, stats.logicalBytes());

        // one byte inserted in the middle of a 16 MiB file: only the chunks around the insertion are new
        Path big = tree.resolve("big/file3.bin");
        byte[] content = Files.readAllBytes(big);
        byte[] edited = new byte[content.length + 1];
        int at = content.length / 2 + 12345;
        System.arraycopy(content, 0, edited, 0, at);
        edited[at] = 42;
        System.arraycopy(content, at, edited, at + 1, content.length - at);
        Files.write(big, edited);
        List<String> editedIds = FileChunks.of(big, Chunker.DEFAULT, FileChunks.discard()).chunkIds();
        Set<String> newIds = store.missingChunks(new HashSet<>(editedIds));
        System.out.println("dedup-test: 1-byte insertion: " + newIds.size() + " of " + editedIds.size() + " chunks new");
        assertTrue(newIds.size() >= 1 && newIds.size() <= 3, newIds.size() + " new chunks");
        TreeUpload third = new TreeUpload();
        CvdVersion v2 = store.publish("alice", Fixtures.upload(1, 0, third.upload(store, tree, Layer.USER_FILES)));
        assertTrue(third.bytesSent <= 3L * Chunker.DEFAULT.maxChunkSize(), "re-sent " + third.bytesSent);
        assertEquals(edited.length, store.manifest("alice", v2.number(), Layer.USER_FILES).find("big/file3.bin").orElseThrow().size());
    }
}
