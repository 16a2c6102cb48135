package org.deskplane.disk.fat.internal;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;

import org.deskplane.disk.api.DiskFormatException;
import org.deskplane.disk.api.FileEntry;
import org.deskplane.disk.api.FileSystem;
import org.deskplane.disk.api.FileSystemType;
import org.deskplane.disk.api.OpenFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seeded mutation fuzzing: small real images of each FAT type get random bytes overwritten or bits flipped in
 * their boot sector, FAT and directory clusters; each mutant is opened, walked whole and every file read. Only
 * the I/O exceptions the API allows may come out; anything else fails with the seed and iteration.
 */
class FatFuzzTest {

    /** Fixed for the suite; -Ddeskplane.fuzz.iterations / -Ddeskplane.fuzz.seed run longer or other searches. */
    private static final int ITERATIONS = Integer.getInteger("deskplane.fuzz.iterations", 600);
    private static final long SEED_OFFSET = Long.getLong("deskplane.fuzz.seed", 0L);
    /** Walk bounds so that a mutated directory cycle the reader cannot see still ends the walk. */
    private static final int MAX_DEPTH = 40;
    private static final int MAX_ENTRIES = 5000;

    @TempDir
    Path temp;

    @Test
    void mutatedFat12ImagesFailCleanly() throws Exception {
        fuzz(12, 1024, 12);
    }

    @Test
    void mutatedFat16ImagesFailCleanly() throws Exception {
        fuzz(16, 12 * 1024, 16);
    }

    @Test
    void mutatedFat32ImagesFailCleanly() throws Exception {
        fuzz(32, 34 * 1024, 32);
    }

    private void fuzz(int bits, int sizeKiB, long baseSeed) throws Exception {
        long seed = baseSeed + SEED_OFFSET;
        Path tree = Files.createDirectory(temp.resolve("tree"));
        RandomTree.create(tree, seed, 512, 20000, 40);
        byte[] image = Files.readAllBytes(FatTools.makeImage(temp, bits, sizeKiB, "FUZZ", tree));
        BootSector boot = BootSector.read(new MemoryDevice(image));
        FileSystemType fat = FatServices.fat();
        long[][] regions = {
                { 0, 512 },
                { boot.fatOffset, boot.fatOffset + Math.min(boot.fatLength, 4096) },
                { boot.rootDirOffset, boot.dataOffset + 24L * boot.clusterSize } };
        int[] walked = new int[1];
        assertTimeoutPreemptively(Duration.ofSeconds(120L * Math.max(1, ITERATIONS / 600)), () -> {
            Random random = new Random(seed);
            for (int iteration = 0; iteration < ITERATIONS; iteration++) {
                MemoryDevice mutant = new MemoryDevice(image);
                int changes = 1 + random.nextInt(8);
                for (int c = 0; c < changes; c++) {
                    long[] region = regions[random.nextInt(regions.length)];
                    long at = region[0] + (long) (random.nextDouble() * (region[1] - region[0]));
                    int value = random.nextBoolean() ? random.nextInt(256) : mutant.byteAt(at) ^ (1 << random.nextInt(8));
                    mutant.patch(at, value);
                }
                try {
                    walked[0] += openAndWalk(fat, mutant);
                } catch (DiskFormatException | EOFException | NoSuchFileException | NotDirectoryException e) {
                    // the honest answers to a corrupt image
                } catch (IOException e) {
                    if (e.getMessage() == null || e.getMessage().isBlank()) {
                        throw new AssertionError("seed " + seed + " iteration " + iteration + ": IOException without message", e);
                    }
                } catch (Throwable t) {
                    throw new AssertionError("seed " + seed + " iteration " + iteration + ": " + t, t);
                }
            }
        });
        // most mutants still open: the walk really ran
        assertTrue(walked[0] > ITERATIONS, "entries walked in all mutants: " + walked[0]);
    }

    private static int openAndWalk(FileSystemType fat, MemoryDevice device) throws IOException {
        try (FileSystem fs = fat.open(device)) {
            fs.label();
            return walk(fs, "/", 0, new int[1]);
        }
    }

    private static int walk(FileSystem fs, String path, int depth, int[] count) throws IOException {
        if (depth > MAX_DEPTH) {
            return 0;
        }
        List<FileEntry> entries = fs.list(path);
        for (FileEntry e : entries) {
            if (++count[0] > MAX_ENTRIES) {
                return count[0];
            }
            try {
                fs.stat(e.path());
                if (e.isDirectory()) {
                    walk(fs, e.path(), depth + 1, count);
                } else {
                    read(fs, e.path());
                }
            } catch (DiskFormatException | NoSuchFileException | NotDirectoryException | EOFException ex) {
                // one broken entry: go on with its siblings, as a user would
            }
        }
        return count[0];
    }

    private static void read(FileSystem fs, String path) throws IOException {
        byte[] buffer = new byte[65536];
        try (OpenFile file = fs.open(path)) {
            long position = 0;
            int n;
            while ((n = file.read(position, buffer, 0, buffer.length)) > 0) {
                position += n;
            }
        }
    }
}
