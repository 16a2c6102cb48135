package org.deskplane.layers.chunking.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import org.deskplane.layers.chunking.Chunker;
import org.deskplane.layers.chunking.FileChunks;
import org.junit.jupiter.api.Test;

class ChunkerTest {
    private static final Chunker SMALL = new Chunker(2048, 8192, 65536);

    private static byte[] random(long seed, int size) {
        byte[] data = new byte[size];
        new Random(seed).nextBytes(data);
        return data;
    }

    private static List<byte[]> chunks(Chunker chunker, byte[] data) throws IOException {
        List<byte[]> chunks = new ArrayList<>();
        chunker.split(new ByteArrayInputStream(data), (id, bytes, off, len) -> {
            byte[] copy = new byte[len];
            System.arraycopy(bytes, off, copy, 0, len);
            chunks.add(copy);
        });
        return chunks;
    }

    private static List<String> ids(Chunker chunker, byte[] data) throws IOException {
        return FileChunks.of(new ByteArrayInputStream(data), chunker, FileChunks.discard()).chunkIds();
    }

    @Test
    void chunksConcatenateToTheInputAndRespectTheBounds() throws IOException {
        byte[] data = random(1, 3_000_000);
        List<byte[]> chunks = chunks(SMALL, data);
        ByteArrayOutputStream joined = new ByteArrayOutputStream();
        for (int i = 0; i < chunks.size(); i++) {
            int len = chunks.get(i).length;
            assertTrue(len <= 65536, "at most max: " + len);
            if (i < chunks.size() - 1) {
                assertTrue(len >= 2048, "at least min except the last: " + len);
            }
            joined.write(chunks.get(i));
        }
        assertArrayEquals(data, joined.toByteArray());
        // content-defined cuts, not fixed blocks: on random data sizes vary around min + avg
        assertTrue(chunks.size() > 3_000_000 / 65536 * 2 && chunks.size() < 3_000_000 / 2048, "count " + chunks.size());
        assertTrue(chunks.stream().mapToInt(c -> c.length).distinct().count() > chunks.size() / 2, "sizes vary");
    }

    @Test
    void theSameBytesGiveTheSameIdsEveryTime() throws IOException {
        byte[] data = random(2, 1_000_000);
        assertEquals(ids(SMALL, data), ids(SMALL, data.clone()));
        FileChunks whole = FileChunks.of(new ByteArrayInputStream(data), SMALL, FileChunks.discard());
        assertEquals(1_000_000, whole.size());
        assertEquals(64, whole.contentHash().length());
    }

    @Test
    void aOneByteInsertionChangesOnlyTheChunksAroundIt() throws IOException {
        byte[] data = random(3, 4_000_000);
        byte[] edited = new byte[data.length + 1];
        System.arraycopy(data, 0, edited, 0, 2_000_000);
        edited[2_000_000] = 42;
        System.arraycopy(data, 2_000_000, edited, 2_000_001, data.length - 2_000_000);
        Set<String> before = new HashSet<>(ids(SMALL, data));
        List<String> after = ids(SMALL, edited);
        long fresh = after.stream().filter(id -> !before.contains(id)).count();
        assertTrue(fresh >= 1 && fresh <= 2, "new chunks after a 1-byte insertion: " + fresh + " of " + after.size());
    }

    @Test
    void contentShiftedByAPrefixIsFoundAgain() throws IOException {
        byte[] data = random(4, 2_000_000);
        byte[] prefixed = new byte[data.length + 777];
        System.arraycopy(random(5, 777), 0, prefixed, 0, 777);
        System.arraycopy(data, 0, prefixed, 777, data.length);
        Set<String> original = new HashSet<>(ids(SMALL, data));
        List<String> shifted = ids(SMALL, prefixed);
        long shared = shifted.stream().filter(original::contains).count();
        assertTrue(shared >= shifted.size() - 2, "shared " + shared + " of " + shifted.size());
    }

    @Test
    void zeroesAreCutAtTheMaximumAndEmptyInputHasNoChunk() throws IOException {
        List<byte[]> chunks = chunks(SMALL, new byte[200_000]);
        assertEquals(65536, chunks.get(0).length);
        assertEquals(1, new HashSet<>(ids(SMALL, new byte[65536 * 3])).size(), "identical blocks dedup to one id");
        assertEquals(List.of(), ids(SMALL, new byte[0]));
    }

    @Test
    void unreasonableSizesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new Chunker(4096, 8192, 1024));
        assertThrows(IllegalArgumentException.class, () -> new Chunker(4096, 8192, 64 * 1024 * 1024));
    }
}
