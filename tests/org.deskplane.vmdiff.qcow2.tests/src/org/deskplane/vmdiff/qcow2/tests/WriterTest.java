package org.deskplane.vmdiff.qcow2.tests;

import static org.deskplane.vmdiff.qcow2.ClusterKind.DATA;
import static org.deskplane.vmdiff.qcow2.ClusterKind.ZERO;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import org.deskplane.vmdiff.qcow2.ClusterEntry;
import org.deskplane.vmdiff.qcow2.Qcow2Exception;
import org.deskplane.vmdiff.qcow2.Qcow2Image;
import org.deskplane.vmdiff.qcow2.Qcow2Writer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Qcow2Writer on its own: images qemu accepts, with the bytes that were written. */
class WriterTest {

    @TempDir
    Path dir;

    @Test
    void imageWithoutBackingFileHoldsTheWrittenBytes() throws IOException {
        int cluster = 4096;
        long size = 3 * 1024 * 1024;
        byte[] expected = new byte[(int) size];
        Random random = new Random(5);
        Path image = dir.resolve("plain.qcow2");
        try (Qcow2Writer writer = Qcow2Writer.create(image, size, cluster, null, null)) {
            // backwards and scattered over two L2 tables (one covers 2 MiB of 4k clusters)
            for (long index : new long[] {700, 3, 512, 511, 0, 767}) {
                byte[] data = new byte[cluster];
                random.nextBytes(data);
                System.arraycopy(data, 0, expected, (int) (index * cluster), cluster);
                writer.writeCluster(index, ByteBuffer.wrap(data));
            }
            writer.zeroCluster(100);
            writer.finish();
        }
        Qemu.assertCheckClean(image);
        Path raw = Files.write(dir.resolve("expected.raw"), expected);
        Qemu.assertIdentical(image, "qcow2", raw, "raw");
        try (Qcow2Image read = Qcow2Image.open(image)) {
            assertEquals(List.of(new ClusterEntry(0, DATA), new ClusterEntry(3, DATA), new ClusterEntry(100, ZERO),
                    new ClusterEntry(511, DATA), new ClusterEntry(512, DATA), new ClusterEntry(700, DATA),
                    new ClusterEntry(767, DATA)), Overlays.listing(read));
            ByteBuffer back = ByteBuffer.allocate(cluster);
            read.readCluster(511, back);
            byte[] want = new byte[cluster];
            System.arraycopy(expected, 511 * cluster, want, 0, cluster);
            assertArrayEquals(want, back.array());
        }
    }

    @Test
    void overlayZeroClusterHidesTheBase() throws IOException {
        Path base = Qemu.rawBase(dir, "base.raw", 1 << 20);
        Path image = dir.resolve("top.qcow2");
        try (Qcow2Writer writer = Qcow2Writer.create(image, 1 << 20, 65536, "base.raw", "raw")) {
            writer.zeroCluster(2);
            writer.finish();
        }
        Qemu.assertCheckClean(image);
        String info = Qemu.run(dir, "qemu-img", "info", "top.qcow2");
        assertEquals(true, info.contains("backing file: base.raw") && info.contains("backing file format: raw"),
                info);
        byte[] expected = Files.readAllBytes(base);
        java.util.Arrays.fill(expected, 2 * 65536, 3 * 65536, (byte) 0);
        Qemu.assertIdentical(image, "qcow2", Files.write(dir.resolve("expected.raw"), expected), "raw");
    }

    @Test
    void largeSparseImageNeedsOnlyTheTouchedTables() throws IOException {
        long size = 1L << 40; // 1 TiB of 64k clusters: L1 of 2048 entries, 16M guest clusters
        Path image = dir.resolve("sparse.qcow2");
        try (Qcow2Writer writer = Qcow2Writer.create(image, size, 65536, null, null)) {
            ByteBuffer data = ByteBuffer.allocate(65536);
            writer.writeCluster((size / 65536) - 1, data);
            writer.writeCluster(12345678, data.clear());
            writer.zeroCluster(0);
            writer.finish();
        }
        Qemu.assertCheckClean(image);
        assertEquals(List.of(new ClusterEntry(0, ZERO), new ClusterEntry(12345678, DATA),
                new ClusterEntry(size / 65536 - 1, DATA)), Overlays.listing(image));
        // header + 2 data + 3 L2 tables (L1 index 0, 1507, 2047) + L1 + refcount block + refcount table
        assertEquals(9 * 65536, Files.size(image));
    }

    @Test
    void emptyOverlayAndTinyClusters() throws IOException {
        Qemu.rawBase(dir, "base.raw", 1 << 20);
        Path empty = dir.resolve("empty.qcow2");
        try (Qcow2Writer writer = Qcow2Writer.create(empty, 1 << 20, 512, "base.raw", "raw")) {
            writer.finish();
        }
        Qemu.assertCheckClean(empty);
        Qemu.assertIdentical(empty, "qcow2", dir.resolve("base.raw"), "raw");
        assertEquals(List.of(), Overlays.listing(empty));
    }

    @Test
    void manyClustersNeedSeveralRefcountBlocks() throws IOException {
        // 512-byte clusters: a refcount block counts 256 clusters, a refcount table cluster lists 64 blocks
        Path image = dir.resolve("many.qcow2");
        int clusters = 20_000;
        try (Qcow2Writer writer = Qcow2Writer.create(image, clusters * 512L, 512, null, null)) {
            ByteBuffer data = ByteBuffer.allocate(512);
            for (int i = clusters - 1; i >= 0; i--) {
                data.clear().putInt(0, i + 1);
                writer.writeCluster(i, data);
            }
            writer.finish();
        }
        Qemu.assertCheckClean(image);
        assertEquals(clusters, Overlays.listing(image).size());
    }

    @Test
    void writingAGuestClusterTwiceIsRefused() throws IOException {
        try (Qcow2Writer writer = Qcow2Writer.create(dir.resolve("twice.qcow2"), 1 << 20, 65536, null, null)) {
            writer.writeCluster(1, ByteBuffer.allocate(65536));
            writer.zeroCluster(2);
            assertThrows(IllegalArgumentException.class, () -> writer.writeCluster(1, ByteBuffer.allocate(65536)));
            assertThrows(IllegalArgumentException.class, () -> writer.zeroCluster(1));
            assertThrows(IllegalArgumentException.class, () -> writer.writeCluster(2, ByteBuffer.allocate(65536)));
            assertThrows(IllegalArgumentException.class, () -> writer.zeroCluster(2));
        }
    }

    @Test
    void badArgumentsAreRefused() throws IOException {
        Path file = dir.resolve("bad.qcow2");
        assertThrows(IllegalArgumentException.class, () -> Qcow2Writer.create(file, 1 << 20, 3000, null, null));
        assertThrows(IllegalArgumentException.class, () -> Qcow2Writer.create(file, 1 << 20, 256, null, null));
        assertThrows(IllegalArgumentException.class, () -> Qcow2Writer.create(file, 1 << 20, 4 << 20, null, null));
        assertThrows(IllegalArgumentException.class, () -> Qcow2Writer.create(file, -1, 65536, null, null));
        assertThrows(IllegalArgumentException.class,
                () -> Qcow2Writer.create(file, 1 << 20, 65536, "x".repeat(1024), "raw"));
        assertThrows(IllegalArgumentException.class,
                () -> Qcow2Writer.create(file, 1 << 20, 65536, "base", "a-very-long-format-name"));
        assertThrows(IllegalArgumentException.class, () -> Qcow2Writer.create(file, 1 << 20, 65536, null, "raw"));
        // a 1000-byte name does not fit into a 512-byte header cluster
        assertThrows(IllegalArgumentException.class,
                () -> Qcow2Writer.create(file, 1 << 20, 512, "x".repeat(1000), "raw"));
        try (Qcow2Writer writer = Qcow2Writer.create(file, 1 << 20, 65536, null, null)) {
            assertThrows(IllegalArgumentException.class, () -> writer.writeCluster(16, ByteBuffer.allocate(65536)));
            assertThrows(IllegalArgumentException.class, () -> writer.zeroCluster(-1));
            assertThrows(IllegalArgumentException.class, () -> writer.writeCluster(0, ByteBuffer.allocate(4096)));
            writer.finish();
            assertThrows(IllegalStateException.class, () -> writer.zeroCluster(0));
        }
    }

    @Test
    void closeWithoutFinishLeavesNoValidImage() throws IOException {
        Path image = dir.resolve("incomplete.qcow2");
        try (Qcow2Writer writer = Qcow2Writer.create(image, 1 << 20, 65536, null, null)) {
            writer.writeCluster(3, ByteBuffer.allocate(65536));
        }
        assertThrows(Qcow2Exception.class, () -> Qcow2Image.open(image));
        assertNotEquals(0, Qemu.exec(dir, "qemu-img", "info", "-f", "qcow2", "incomplete.qcow2").exitCode());
    }
}
