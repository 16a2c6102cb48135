package org.deskplane.disk.partition.tests;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.EOFException;
import java.util.List;
import java.util.Random;

import org.deskplane.disk.api.BlockDevice;
import org.deskplane.disk.api.BlockDevices;
import org.deskplane.disk.api.DiskFormatException;
import org.deskplane.disk.api.Partition;
import org.deskplane.disk.api.PartitionTableType;

/**
 * Flips and overwrites random bytes in a table's metadata ranges, reads the table, restores the bytes, and fails
 * on any throwable other than DiskFormatException or EOFException (naming the seed and iteration). Reading must
 * also yield partitions that lie within the disk.
 */
final class MutationFuzzer {

    private MutationFuzzer() {
    }

    /** @return how many iterations produced a table (so the caller can check the loop was not all errors) */
    static int run(PartitionTableType type, byte[] image, long[][] ranges, long seed, int iterations) {
        Random random = new Random(seed);
        BlockDevice disk = BlockDevices.memory(image, "memory image");
        int tables = 0;
        for (int iteration = 0; iteration < iterations; iteration++) {
            int mutations = 1 + random.nextInt(8);
            int[] positions = new int[mutations];
            byte[] saved = new byte[mutations];
            for (int i = 0; i < mutations; i++) {
                long[] range = ranges[random.nextInt(ranges.length)];
                positions[i] = (int) (range[0] + random.nextInt((int) (range[1] - range[0])));
                saved[i] = image[positions[i]];
                image[positions[i]] = random.nextBoolean() ? (byte) (saved[i] ^ (1 << random.nextInt(8)))
                        : (byte) random.nextInt(256);
            }
            try {
                var result = type.read(disk);
                if (result.isPresent()) {
                    tables++;
                    for (Partition p : result.get()) {
                        if (p.offset() < 0 || p.length() < 0 || p.offset() + p.length() > image.length) {
                            fail("seed " + seed + " iteration " + iteration + ": partition outside the disk: " + p);
                        }
                    }
                }
            } catch (DiskFormatException | EOFException expected) {
                // corruption reported as it should be
            } catch (Throwable t) {
                throw new AssertionError("seed " + seed + " iteration " + iteration + " threw " + t, t);
            } finally {
                for (int i = mutations - 1; i >= 0; i--) {
                    image[positions[i]] = saved[i];
                }
            }
        }
        return tables;
    }

    static List<long[]> sectors(long... lbas) {
        return java.util.Arrays.stream(lbas).mapToObj(lba -> new long[] { lba * 512, lba * 512 + 512 }).toList();
    }
}
