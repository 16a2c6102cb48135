package org.deskplane.vmdiff.qcow2.tests;

import static org.deskplane.vmdiff.qcow2.ClusterKind.DATA;
import static org.deskplane.vmdiff.qcow2.ClusterKind.ZERO;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.deskplane.vmdiff.qcow2.ClusterEntry;
import org.deskplane.vmdiff.qcow2.Qcow2Image;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The exact clusters and bytes of a known qemu-made overlay (raw base of 0x11 bytes, 64k clusters). */
class ReadClusterTest {

    private static final int CLUSTER = 65536;

    @TempDir
    Path dir;
    private Path top;

    @BeforeEach
    void makeOverlay() throws IOException {
        top = Scenarios.all().get(0).builder().build(dir);
    }

    @Test
    void headerFieldsComeFromTheFile() throws IOException {
        try (Qcow2Image image = Qcow2Image.open(top)) {
            assertEquals(CLUSTER, image.clusterSize());
            assertEquals(16L << 20, image.virtualSize());
            assertEquals(256, image.clusterCount());
            assertEquals(Optional.of("base.raw"), image.backingFile());
            assertEquals(Optional.of("raw"), image.backingFormat());
        }
    }

    @Test
    void listsDataZeroPreallocatedZeroDiscardedAndCompressedClusters() throws IOException {
        List<ClusterEntry> expected = new ArrayList<>();
        for (long i = 16; i < 20; i++) {
            expected.add(new ClusterEntry(i, DATA));
        }
        expected.add(new ClusterEntry(32, DATA));
        expected.add(new ClusterEntry(48, ZERO));
        expected.add(new ClusterEntry(49, ZERO));
        expected.add(new ClusterEntry(64, ZERO)); // written, then zeroed: still has an offset
        expected.add(new ClusterEntry(80, ZERO)); // discarded in an overlay
        expected.add(new ClusterEntry(81, ZERO));
        expected.add(new ClusterEntry(96, DATA)); // compressed
        for (long i = 240; i < 256; i++) {
            expected.add(new ClusterEntry(i, DATA));
        }
        assertEquals(expected, Overlays.listing(top));
    }

    @Test
    void readsDataPartialCompressedAndZeroClusters() throws IOException {
        try (Qcow2Image image = Qcow2Image.open(top)) {
            assertFilled(read(image, 16), 0, CLUSTER, 0xab);
            ByteBuffer partial = read(image, 32);
            assertFilled(partial, 0, 4096, 0xac);
            assertFilled(partial, 4096, CLUSTER, 0x11); // qemu copied the rest from the base
            assertFilled(read(image, 96), 0, CLUSTER, 0xae);
            assertFilled(read(image, 48), 0, CLUSTER, 0);
            assertFilled(read(image, 64), 0, CLUSTER, 0);
        }
    }

    @Test
    void readsAtTheBufferPositionAndAdvancesIt() throws IOException {
        try (Qcow2Image image = Qcow2Image.open(top)) {
            ByteBuffer buffer = ByteBuffer.allocate(CLUSTER + 10);
            buffer.position(5);
            image.readCluster(16, buffer);
            assertEquals(CLUSTER + 5, buffer.position());
            assertEquals(0, buffer.get(4));
            assertEquals((byte) 0xab, buffer.get(5));
            assertEquals((byte) 0xab, buffer.get(CLUSTER + 4));
            assertEquals(0, buffer.get(CLUSTER + 5));
        }
    }

    @Test
    void refusesUnallocatedOutOfRangeAndShortBuffers() throws IOException {
        try (Qcow2Image image = Qcow2Image.open(top)) {
            assertThrows(IllegalArgumentException.class, () -> image.readCluster(0, ByteBuffer.allocate(CLUSTER)));
            assertThrows(IllegalArgumentException.class,
                    () -> image.readCluster(256, ByteBuffer.allocate(CLUSTER)));
            assertThrows(IllegalArgumentException.class,
                    () -> image.readCluster(16, ByteBuffer.allocate(CLUSTER - 1)));
        }
    }

    private static ByteBuffer read(Qcow2Image image, long guestIndex) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(image.clusterSize());
        image.readCluster(guestIndex, buffer);
        assertEquals(image.clusterSize(), buffer.position());
        return buffer.flip();
    }

    private static void assertFilled(ByteBuffer buffer, int from, int to, int value) {
        for (int i = from; i < to; i++) {
            if (buffer.get(i) != (byte) value) {
                assertEquals((byte) value, buffer.get(i), "byte " + i);
            }
        }
    }

}
