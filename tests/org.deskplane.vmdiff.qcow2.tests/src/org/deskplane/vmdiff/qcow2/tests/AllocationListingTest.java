package org.deskplane.vmdiff.qcow2.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.deskplane.vmdiff.qcow2.ClusterEntry;
import org.deskplane.vmdiff.qcow2.Qcow2Image;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * For qemu-made overlays: the allocation listing equals what qemu-img map says for the top layer, and a copy
 * written by Qcow2Writer passes qemu-img check and compares identical to its source.
 */
class AllocationListingTest {

    @TempDir
    Path dir;

    @TestFactory
    Stream<DynamicTest> listingEqualsQemuMapOfTheTopLayer() {
        return Scenarios.all().stream().map(s -> DynamicTest.dynamicTest(s.name(), () -> {
            Path top = s.builder().build(Files.createDirectories(dir.resolve("listing-" + s.clusterSize() + "-"
                    + Math.abs(s.name().hashCode()))));
            try (Qcow2Image image = Qcow2Image.open(top)) {
                assertEquals(s.clusterSize(), image.clusterSize());
                List<ClusterEntry> listing = Overlays.listing(image);
                assertFalse(listing.isEmpty(), "the scenario allocates clusters");
                assertEquals(Qemu.topLayer(top, image.clusterSize()), listing);
            }
        }));
    }

    @TestFactory
    Stream<DynamicTest> copyPassesCheckAndComparesIdentical() {
        return Scenarios.all().stream().map(s -> DynamicTest.dynamicTest(s.name(), () -> {
            Path scenarioDir = Files.createDirectories(dir.resolve("copy-" + s.clusterSize() + "-"
                    + Math.abs(s.name().hashCode())));
            Path top = s.builder().build(scenarioDir);
            Path copy = Overlays.copy(top, scenarioDir.resolve("copy.qcow2"), 42);
            Qemu.assertCheckClean(copy);
            Qemu.assertIdentical(top, copy);
            assertSameShape(top, copy);
        }));
    }

    /** The copy holds the same clusters of the same kinds (compressed ones become plain data). */
    private static void assertSameShape(Path source, Path copy) throws IOException {
        try (Qcow2Image a = Qcow2Image.open(source); Qcow2Image b = Qcow2Image.open(copy)) {
            assertEquals(a.virtualSize(), b.virtualSize());
            assertEquals(a.backingFile(), b.backingFile());
            assertEquals(a.backingFormat(), b.backingFormat());
            assertEquals(Overlays.listing(a), Overlays.listing(b));
        }
        assertEquals(Qemu.topLayer(copy, clusterSizeOf(copy)), Overlays.listing(copy));
    }

    private static int clusterSizeOf(Path image) throws IOException {
        try (Qcow2Image qcow2 = Qcow2Image.open(image)) {
            return qcow2.clusterSize();
        }
    }
}
