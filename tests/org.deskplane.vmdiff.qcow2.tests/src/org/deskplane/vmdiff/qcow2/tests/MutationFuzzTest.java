package org.deskplane.vmdiff.qcow2.tests;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Iterator;
import java.util.Random;

import org.deskplane.vmdiff.qcow2.ClusterEntry;
import org.deskplane.vmdiff.qcow2.Qcow2Exception;
import org.deskplane.vmdiff.qcow2.Qcow2Image;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seeded random byte changes in a real overlay's metadata (header cluster, L1 and L2 tables, compressed data):
 * opening, listing and reading either works or fails with a Qcow2Exception — never another exception, never
 * an endless loop or an allocation sized by the damage. The timeout only guards against a spinning loop.
 */
@Timeout(300)
class MutationFuzzTest {

    private static final int MUTANTS = 400;

    @TempDir
    Path dir;

    @Test
    void damagedMetadataIsReadOrRefusedCleanly() throws IOException {
        Path good = Scenarios.all().get(0).builder().build(dir);
        long l1 = CorruptImageTest.Patch.readLong(good, 40);
        long l2 = CorruptImageTest.Patch.readLong(good, l1) & 0x00FF_FFFF_FFFF_FE00L;
        long compressed = CorruptImageTest.Patch.readLong(good, l2 + 96 * 8) & ((1L << 54) - 1);
        long[][] regions = {{0, 512}, {l1, 64}, {l2, 2048}, {compressed, 256}};
        byte[] original = Files.readAllBytes(good);
        Random random = new Random(20261122);
        Path mutant = dir.resolve("mutant.qcow2");
        int refused = 0;
        for (int m = 0; m < MUTANTS; m++) {
            byte[] bytes = original.clone();
            int changes = 1 + random.nextInt(4);
            for (int c = 0; c < changes; c++) {
                long[] region = regions[random.nextInt(regions.length)];
                int at = (int) (region[0] + random.nextInt((int) region[1]));
                bytes[at] = random.nextInt(4) == 0 ? (byte) 0xFF : (byte) random.nextInt(256);
            }
            Files.write(mutant, bytes);
            try {
                readEverything(mutant);
            } catch (Qcow2Exception expected) {
                refused++;
            } catch (Throwable other) {
                Files.copy(mutant, dir.resolveSibling("failing-mutant-" + m + ".qcow2"),
                        StandardCopyOption.REPLACE_EXISTING);
                fail("mutant " + m + " failed with " + other, other);
            }
        }
        assertTrue(refused > 0, "some damage must be noticed");
    }

    private static void readEverything(Path image) throws IOException {
        try (Qcow2Image qcow2 = Qcow2Image.open(image)) {
            ByteBuffer cluster = ByteBuffer.allocate(qcow2.clusterSize());
            for (Iterator<ClusterEntry> it = qcow2.allocated(); it.hasNext();) {
                qcow2.readCluster(it.next().guestIndex(), cluster.clear());
            }
        }
    }
}
