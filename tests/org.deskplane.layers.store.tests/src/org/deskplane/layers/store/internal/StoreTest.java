package org.deskplane.layers.store.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import org.deskplane.layers.api.CvdConflictException;
import org.deskplane.layers.api.CvdVersion;
import org.deskplane.layers.api.FencedException;
import org.deskplane.layers.api.GcReport;
import org.deskplane.layers.api.Layer;
import org.deskplane.layers.api.LayerException;
import org.deskplane.layers.api.LayerManifest;
import org.deskplane.layers.api.MissingChunksException;
import org.deskplane.layers.api.VerifyReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoreTest {

    @TempDir
    Path dir;

    @Test
    void chunksAreContentAddressedDeduplicatedAndReadBack() throws Exception {
        FileCvdStore store = Fixtures.store(dir);
        byte[] data = Fixtures.bytes(1, 100_000);
        String id = Fixtures.id(data);
        assertEquals(Set.of(id), store.missingChunks(List.of(id)));
        assertTrue(store.putChunk(id, new ByteArrayInputStream(data), data.length));
        assertFalse(store.putChunk(id, new ByteArrayInputStream(data), data.length), "second put is a duplicate");
        assertEquals(Set.of(), store.missingChunks(List.of(id)));
        assertArrayEquals(data, store.openChunk(id).readAllBytes());
        assertTrue(Fixtures.chunkFile(dir, id) != null, "stored under its id");
        assertEquals(1, store.stats().chunks());
    }

    @Test
    void compressibleChunksAreKeptDeflatedAndRandomOnesRaw() throws Exception {
        FileCvdStore store = Fixtures.store(dir);
        byte[] text = "the same line of a log file\n".repeat(10_000).getBytes();
        String textId = Fixtures.put(store, text);
        String randomId = Fixtures.put(store, Fixtures.bytes(2, 100_000));
        assertTrue(Files.size(Fixtures.chunkFile(dir, textId)) < text.length / 10);
        assertEquals(100_001, Files.size(Fixtures.chunkFile(dir, randomId)));
        assertArrayEquals(text, store.openChunk(textId).readAllBytes());
    }

    @Test
    void badChunksAreRefused() throws Exception {
        FileCvdStore store = Fixtures.store(dir);
        byte[] data = Fixtures.bytes(3, 1000);
        String other = Fixtures.id(Fixtures.bytes(4, 1000));
        LayerException mismatch = assertThrows(LayerException.class,
                () -> store.putChunk(other, new ByteArrayInputStream(data), data.length));
        assertTrue(mismatch.getMessage().contains("hash to"), mismatch.getMessage());
        assertThrows(LayerException.class, () -> store.putChunk(other.toUpperCase(), new ByteArrayInputStream(data), data.length));
        assertThrows(LayerException.class, () -> store.putChunk("../../etc/passwd", new ByteArrayInputStream(data), data.length));
        assertThrows(LayerException.class, () -> store.putChunk(other, new ByteArrayInputStream(data), (16 << 20) + 1));
        assertThrows(LayerException.class, () -> store.putChunk(Fixtures.id(data), new ByteArrayInputStream(data), 2000),
                "fewer bytes than announced");
        assertThrows(LayerException.class, () -> store.putChunk(Fixtures.id(data), new ByteArrayInputStream(data), 999),
                "more bytes than announced");
        assertEquals(0, store.stats().chunks(), "nothing was kept");
    }

    @Test
    void publishInheritsUnchangedLayersAndSharesTheirManifests() throws Exception {
        FileCvdStore store = Fixtures.store(dir);
        store.create("cvd1", "alice");
        byte[] a = Fixtures.bytes(5, 5000);
        byte[] b = Fixtures.bytes(6, 5000);
        Fixtures.put(store, a);
        Fixtures.put(store, b);
        CvdVersion v1 = store.publish("cvd1", Fixtures.upload(0, 1,
                Fixtures.manifest(Layer.APPLICATIONS, Fixtures.file("opt/app/bin", a)),
                Fixtures.manifest(Layer.USER_FILES, Fixtures.file("Documents/a.txt", a))));
        CvdVersion v2 = store.publish("cvd1", Fixtures.upload(1, 0,
                Fixtures.manifest(Layer.USER_FILES, Fixtures.file("Documents/a.txt", a), Fixtures.file("Documents/b.txt", b))));
        assertEquals(1, v1.number());
        assertEquals(2, v2.number());
        assertEquals(v1.layers().get(Layer.APPLICATIONS), v2.layers().get(Layer.APPLICATIONS), "unchanged layer inherited");
        assertEquals(2, store.manifest("cvd1", 2, Layer.USER_FILES).entries().size());
        assertEquals(1, store.manifest("cvd1", 1, Layer.USER_FILES).entries().size(), "versions are immutable");
        assertEquals(LayerManifest.empty(Layer.PROFILE), store.manifest("cvd1", 2, Layer.PROFILE));
        assertEquals(2, store.find("cvd1").orElseThrow().head());
        assertEquals(10_000 + 15_000, store.stats().logicalBytes(), "all versions' files added up");

        FileCvdStore reopened = Fixtures.store(dir);
        assertEquals(List.of(v1, v2), reopened.versions("cvd1"));
        assertEquals(2, reopened.find("cvd1").orElseThrow().head());
    }

    @Test
    void publishOnAStaleParentIsAConflictNamingTheHead() throws Exception {
        FileCvdStore store = Fixtures.store(dir);
        store.create("cvd1", "alice");
        byte[] a = Fixtures.bytes(7, 100);
        Fixtures.put(store, a);
        store.publish("cvd1", Fixtures.upload(0, 0, Fixtures.manifest(Layer.USER_FILES, Fixtures.file("x", a))));
        store.publish("cvd1", Fixtures.upload(1, 0, Fixtures.manifest(Layer.USER_FILES, Fixtures.file("y", a))));
        CvdConflictException conflict = assertThrows(CvdConflictException.class,
                () -> store.publish("cvd1", Fixtures.upload(1, 0, Fixtures.manifest(Layer.USER_FILES, Fixtures.file("z", a)))));
        assertEquals(2, conflict.head());
        assertEquals(2, store.versions("cvd1").size());
    }

    @Test
    void aSnapshotIsARecoveryPointNotTheHead() throws Exception {
        FileCvdStore store = Fixtures.store(dir);
        store.create("cvd1", "alice");
        byte[] a = Fixtures.bytes(8, 100);
        Fixtures.put(store, a);
        store.publish("cvd1", Fixtures.upload(0, 3, Fixtures.manifest(Layer.BASE_OS, Fixtures.file("etc/os-release", a))));
        // a candidate based on an older state, with a token below the master's: kept anyway, as a recovery point
        CvdVersion snapshot = store.publish("cvd1", Fixtures.request(CvdVersion.Kind.SNAPSHOT, 0, 1,
                Fixtures.manifest(Layer.BASE_OS, Fixtures.file("etc/hostname", a))));
        assertEquals(2, snapshot.number());
        assertEquals(1, store.find("cvd1").orElseThrow().head());
        CvdVersion next = store.publish("cvd1", Fixtures.upload(1, 3, Fixtures.manifest(Layer.BASE_OS, Fixtures.file("etc/motd", a))));
        assertEquals(3, next.number());
        assertEquals(3, Fixtures.store(dir).find("cvd1").orElseThrow().head(), "reopened: the head skips the snapshot");
    }

    @Test
    void systemLayersNeedTheHighestTokenSeenAndItSurvivesARestart() throws Exception {
        FileCvdStore store = Fixtures.store(dir);
        store.create("cvd1", "alice");
        byte[] a = Fixtures.bytes(9, 100);
        Fixtures.put(store, a);
        store.publish("cvd1", Fixtures.upload(0, 5, Fixtures.manifest(Layer.APPLICATIONS, Fixtures.file("opt/a", a))));
        FencedException fenced = assertThrows(FencedException.class,
                () -> store.publish("cvd1", Fixtures.upload(1, 4, Fixtures.manifest(Layer.APPLICATIONS, Fixtures.file("opt/b", a)))));
        assertTrue(fenced.getMessage().contains("stale master"), fenced.getMessage());
        // user content needs no token
        store.publish("cvd1", Fixtures.upload(1, 0, Fixtures.manifest(Layer.USER_FILES, Fixtures.file("doc", a))));
        FileCvdStore reopened = Fixtures.store(dir);
        assertThrows(FencedException.class,
                () -> reopened.publish("cvd1", Fixtures.upload(2, 4, Fixtures.manifest(Layer.BASE_OS, Fixtures.file("etc/x", a)))));
        assertEquals(3, reopened.publish("cvd1", Fixtures.upload(2, 5,
                Fixtures.manifest(Layer.BASE_OS, Fixtures.file("etc/x", a)))).number(), "the same token again is fine");
        assertEquals(4, reopened.publish("cvd1", Fixtures.upload(3, 6,
                Fixtures.manifest(Layer.BASE_OS, Fixtures.file("etc/y", a)))).number());
        assertThrows(FencedException.class,
                () -> reopened.publish("cvd1", Fixtures.upload(4, 5, Fixtures.manifest(Layer.BASE_OS, Fixtures.file("etc/z", a)))));
    }

    @Test
    void publishNamingAbsentChunksIsRefusedWithTheirIds() throws Exception {
        FileCvdStore store = Fixtures.store(dir);
        store.create("cvd1", "alice");
        byte[] absent = Fixtures.bytes(10, 100);
        MissingChunksException missing = assertThrows(MissingChunksException.class,
                () -> store.publish("cvd1", Fixtures.upload(0, 0, Fixtures.manifest(Layer.USER_FILES, Fixtures.file("x", absent)))));
        assertEquals(List.of(Fixtures.id(absent)), missing.missing());
        assertEquals(0, store.find("cvd1").orElseThrow().head());
        assertEquals(List.of(), store.versions("cvd1"));
    }

    @Test
    void restorePublishesAnOldVersionAsTheNewHead() throws Exception {
        FileCvdStore store = Fixtures.store(dir);
        store.create("cvd1", "alice");
        byte[] a = Fixtures.bytes(11, 100);
        byte[] b = Fixtures.bytes(12, 100);
        Fixtures.put(store, a);
        Fixtures.put(store, b);
        CvdVersion v1 = store.publish("cvd1", Fixtures.upload(0, 0, Fixtures.manifest(Layer.USER_FILES, Fixtures.file("x", a))));
        store.publish("cvd1", Fixtures.upload(1, 0, Fixtures.manifest(Layer.USER_FILES, Fixtures.file("x", b))));
        CvdVersion restored = store.restore("cvd1", 1, "undo");
        assertEquals(3, restored.number());
        assertEquals(2, restored.parent());
        assertEquals(CvdVersion.Kind.RESTORE, restored.kind());
        assertEquals(v1.layers(), restored.layers());
        assertEquals(3, store.find("cvd1").orElseThrow().head());
        assertThrows(LayerException.class, () -> store.restore("cvd1", 9, ""));
    }

    @Test
    void createValidatesAndRefusesDuplicates() throws Exception {
        FileCvdStore store = Fixtures.store(dir);
        store.create("cvd1", "alice");
        assertThrows(LayerException.class, () -> store.create("cvd1", "bob"));
        assertThrows(LayerException.class, () -> store.create("../evil", "bob"));
        assertThrows(LayerException.class, () -> store.create("ok", " "));
        assertThrows(LayerException.class, () -> store.publish("nope", Fixtures.upload(0, 0)));
        assertEquals(List.of("cvd1"), Fixtures.store(dir).list().stream().map(c -> c.id()).toList());
    }

    @Test
    void garbageCollectionKeepsNamedAndRecentChunksAndDeletesOldOrphans() throws Exception {
        FileCvdStore store = Fixtures.store(dir, 60_000);
        store.create("cvd1", "alice");
        byte[] named = Fixtures.bytes(13, 1000);
        byte[] orphanOld = Fixtures.bytes(14, 1000);
        byte[] orphanNew = Fixtures.bytes(15, 1000);
        Fixtures.put(store, named);
        String oldId = Fixtures.put(store, orphanOld);
        String newId = Fixtures.put(store, orphanNew);
        store.publish("cvd1", Fixtures.upload(0, 0, Fixtures.manifest(Layer.USER_FILES, Fixtures.file("x", named))));
        Path oldFile = Fixtures.chunkFile(dir, oldId);
        Files.setLastModifiedTime(oldFile, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() - 3_600_000));
        GcReport report = store.collectGarbage();
        assertEquals(1, report.chunksDeleted());
        assertEquals(1, report.chunksKept());
        assertEquals(1, report.chunksSparedForUploads());
        assertFalse(Files.exists(oldFile));
        assertEquals(Set.of(oldId), store.missingChunks(List.of(oldId, newId, Fixtures.id(named))));
        assertTrue(store.verify().ok());
    }

    @Test
    void askingForMissingChunksRenewsPresentOnesSoThatACollectionSparesThem() throws Exception {
        FileCvdStore store = Fixtures.store(dir, 60_000);
        String id = Fixtures.put(store, Fixtures.bytes(16, 1000));
        Path file = Fixtures.chunkFile(dir, id);
        Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() - 3_600_000));
        assertEquals(Set.of(), store.missingChunks(List.of(id)), "present: the uploader will not send it");
        assertEquals(0, store.collectGarbage().chunksDeleted());
        assertTrue(Files.exists(file));
    }

    @Test
    void aCorruptChunkFailsItsReadIsReportedByVerifyAndAskedForAgain() throws Exception {
        FileCvdStore store = Fixtures.store(dir);
        store.create("cvd1", "alice");
        byte[] data = Fixtures.bytes(17, 10_000);
        String id = Fixtures.put(store, data);
        store.publish("cvd1", Fixtures.upload(0, 0, Fixtures.manifest(Layer.USER_FILES, Fixtures.file("x", data))));
        assertTrue(store.verify().ok());
        Path file = Fixtures.chunkFile(dir, id);
        byte[] stored = Files.readAllBytes(file);
        stored[5000] ^= 1;
        Files.write(file, stored);

        FileCvdStore reopened = Fixtures.store(dir);
        VerifyReport report = reopened.verify();
        assertFalse(report.ok());
        assertTrue(report.problems().stream().anyMatch(p -> p.contains(id) && p.contains("corrupt")), report.problems().toString());
        assertTrue(report.problems().stream().anyMatch(p -> p.contains("names missing chunk " + id)), report.problems().toString());
        assertEquals(Set.of(id), reopened.missingChunks(List.of(id)), "moved aside: the endpoint sends it again");
        Fixtures.put(reopened, data);
        assertTrue(reopened.verify().ok());
    }

    @Test
    void aCorruptChunkFailsTheReadWithAClearError() throws Exception {
        FileCvdStore store = Fixtures.store(dir);
        byte[] data = Fixtures.bytes(18, 10_000);
        String id = Fixtures.put(store, data);
        Path file = Fixtures.chunkFile(dir, id);
        byte[] stored = Files.readAllBytes(file);
        stored[stored.length - 1] ^= 1;
        Files.write(file, stored);
        IOException failure = assertThrows(IOException.class, () -> store.openChunk(id));
        assertTrue(failure.getMessage().contains("chunk " + id + " is corrupt"), failure.getMessage());
    }

    @Test
    void aDamagedManifestIsReportedByVerifyAndStopsTheCollector() throws Exception {
        FileCvdStore store = Fixtures.store(dir, 0);
        store.create("cvd1", "alice");
        byte[] data = Fixtures.bytes(19, 1000);
        Fixtures.put(store, data);
        CvdVersion v = store.publish("cvd1", Fixtures.upload(0, 0, Fixtures.manifest(Layer.USER_FILES, Fixtures.file("x", data))));
        String digest = v.layers().get(Layer.USER_FILES);
        Path file = dir.resolve("manifests").resolve(digest.substring(0, 2)).resolve(digest);
        Files.write(file, new byte[] { 1, 2, 3 });
        assertFalse(store.verify().ok());
        IOException stopped = assertThrows(IOException.class, store::collectGarbage);
        assertTrue(stopped.getMessage().contains("before deleting anything"), stopped.getMessage());
        assertEquals(Set.of(), store.missingChunks(List.of(Fixtures.id(data))), "the chunk is still there");
        assertThrows(LayerException.class, () -> store.manifest("cvd1", 1, Layer.USER_FILES));
    }

    @Test
    void aLargeManifestStreamsThroughTheCodec() throws Exception {
        FileCvdStore store = Fixtures.store(dir);
        store.create("cvd1", "alice");
        byte[] data = Fixtures.bytes(20, 100);
        Fixtures.put(store, data);
        List<org.deskplane.layers.api.FileEntry> entries = new java.util.ArrayList<>();
        for (int i = 0; i < 100_000; i++) {
            entries.add(Fixtures.file(String.format("usr/share/doc/pkg%06d/copyright", i), data));
        }
        CvdVersion v = store.publish("cvd1", Fixtures.upload(0, 1, new LayerManifest(Layer.BASE_OS, entries)));
        long[] count = { 0 };
        store.forEachEntry("cvd1", v.number(), Layer.BASE_OS, e -> count[0]++);
        assertEquals(100_000, count[0]);
        String digest = v.layers().get(Layer.BASE_OS);
        long onDisk = Files.size(dir.resolve("manifests").resolve(digest.substring(0, 2)).resolve(digest));
        assertTrue(onDisk < 100_000L * 200, "compact: " + onDisk + " bytes");
    }
}
