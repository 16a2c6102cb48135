package org.deskplane.layers.store.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.deskplane.layers.api.CvdVersion;
import org.deskplane.layers.api.Layer;
import org.deskplane.layers.api.MissingChunksException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The durability rule of deferred chunk syncs: a put chunk waits unforced in incoming/; the publish that names it
 * forces it and moves it to chunks/ before the version is written; an incoming chunk of an earlier run (which a power
 * loss may have damaged) is checked before it is promoted, and a damaged one is reported missing and sent again.
 */
class DurabilityTest {

    @TempDir
    Path dir;

    private Path durable(String id) {
        return dir.resolve("chunks").resolve(id.substring(0, 2)).resolve(id);
    }

    private Path incoming(String id) {
        return dir.resolve("incoming").resolve(id.substring(0, 2)).resolve(id);
    }

    @Test
    void aPublishMovesTheChunksItNamesToTheDurableFolderAndLeavesTheOthersIncoming() throws Exception {
        FileCvdStore store = Fixtures.store(dir);
        store.create("cvd1", "alice");
        byte[] named = Fixtures.bytes(1, 50_000);
        byte[] unnamed = Fixtures.bytes(2, 50_000);
        String namedId = Fixtures.put(store, named);
        String unnamedId = Fixtures.put(store, unnamed);
        assertTrue(Files.isRegularFile(incoming(namedId)), "a put waits in incoming/");
        assertFalse(Files.exists(durable(namedId)));

        store.publish("cvd1", Fixtures.upload(0, 0, Fixtures.manifest(Layer.USER_FILES, Fixtures.file("a", named))));

        assertTrue(Files.isRegularFile(durable(namedId)), "published: durable");
        assertFalse(Files.exists(incoming(namedId)));
        assertTrue(Files.isRegularFile(incoming(unnamedId)), "never published: still incoming");
        assertFalse(Files.exists(durable(unnamedId)));
        assertArrayEquals(named, store.readChunk(namedId));
        assertTrue(store.verify().ok(), store.verify().problems().toString());
    }

    @Test
    void aDamagedIncomingChunkOfAnEarlierRunIsReportedMissingByThePublishAndSentAgain() throws Exception {
        FileCvdStore first = Fixtures.store(dir);
        first.create("cvd1", "alice");
        byte[] cut = Fixtures.bytes(3, 60_000);
        byte[] emptied = Fixtures.bytes(4, 60_000);
        byte[] intact = Fixtures.bytes(5, 60_000);
        String cutId = Fixtures.put(first, cut);
        String emptiedId = Fixtures.put(first, emptied);
        String intactId = Fixtures.put(first, intact);
        // what a power loss may leave of files that were never forced: cut short, or empty
        byte[] stored = Files.readAllBytes(incoming(cutId));
        Files.write(incoming(cutId), Arrays.copyOf(stored, stored.length / 2));
        Files.write(incoming(emptiedId), new byte[0]);

        FileCvdStore restarted = Fixtures.store(dir);
        var request = Fixtures.upload(0, 0, Fixtures.manifest(Layer.USER_FILES, Fixtures.file("cut", cut),
                Fixtures.file("emptied", emptied), Fixtures.file("intact", intact)));
        MissingChunksException refused = assertThrows(MissingChunksException.class, () -> restarted.publish("cvd1", request));
        assertEquals(List.of(cutId, emptiedId).stream().sorted().toList(), refused.missing().stream().sorted().toList());
        assertFalse(Files.exists(incoming(cutId)), "the damaged file is gone");
        assertEquals(java.util.Set.of(cutId, emptiedId), restarted.missingChunks(List.of(cutId, emptiedId, intactId)));
        assertTrue(Files.isRegularFile(durable(intactId)), "the intact one was checked and made durable");

        Fixtures.put(restarted, cut);
        Fixtures.put(restarted, emptied);
        CvdVersion version = restarted.publish("cvd1", request);
        assertEquals(1, version.number());
        for (String id : List.of(cutId, emptiedId, intactId)) {
            assertTrue(Files.isRegularFile(durable(id)), id);
        }
        assertArrayEquals(cut, restarted.readChunk(cutId));
        assertArrayEquals(emptied, restarted.readChunk(emptiedId));
        assertTrue(restarted.verify().ok(), restarted.verify().problems().toString());
    }

    @Test
    void anIncomingChunkOfAnEarlierRunThatNoVersionNamesIsCollectedAfterTheGracePeriod() throws Exception {
        FileCvdStore first = Fixtures.store(dir, 60_000);
        String id = Fixtures.put(first, Fixtures.bytes(6, 10_000));
        Files.setLastModifiedTime(incoming(id), java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() - 3_600_000));
        FileCvdStore restarted = Fixtures.store(dir, 60_000);
        assertEquals(1, restarted.stats().chunks(), "incoming chunks are counted");
        assertEquals(1, restarted.collectGarbage().chunksDeleted());
        assertFalse(Files.exists(incoming(id)));
        assertEquals(0, restarted.stats().chunks());
    }
}
