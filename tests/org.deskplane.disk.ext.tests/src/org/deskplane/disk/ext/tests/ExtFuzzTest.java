package org.deskplane.disk.ext.tests;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.deskplane.disk.api.DiskFormatException;
import org.deskplane.disk.api.FileEntry;
import org.deskplane.disk.api.FileSystem;
import org.deskplane.disk.api.FileSystemType;
import org.deskplane.disk.api.OpenFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seeded mutation fuzzing: bytes of a small valid image's metadata (superblock, descriptors, the inodes and
 * directory blocks in use) are overwritten, then the whole tree is walked and every file read. Only the
 * documented failures may come out; anything else fails with the seed and iteration to reproduce it.
 */
class ExtFuzzTest {

    private static final int BLOCK = 1024;
    private static final int ITERATIONS = Integer.getInteger("deskplane.fuzz.iterations", 2000);
    private static final long SEED = Long.getLong("deskplane.fuzz.seed", 20_240_601L);
    private static final int MAX_ENTRIES_WALKED = 2000;

    @TempDir
    static Path work;
    static Path source;
    static FileSystemType ext;

    @BeforeAll
    static void makeTree() throws Exception {
        ext = ExtTestSupport.extService();
        source = Files.createDirectories(work.resolve("source/a/b/c"));
        source = work.resolve("source");
        Random random = new Random(1);
        for (int size : new int[] { 0, 10, 61, 3000, 70_000 }) {
            byte[] data = new byte[size];
            random.nextBytes(data);
            Files.write(source.resolve("a/b/file" + size), data);
        }
        Files.createSymbolicLink(source.resolve("short"), Path.of("a/b/file10"));
        Files.createSymbolicLink(source.resolve("long"), Path.of("x".repeat(100)));
        try (var file = new java.io.RandomAccessFile(source.resolve("a/sparse").toFile(), "rw")) {
            file.write(new byte[] { 1, 2, 3 });
            file.seek(300_000);
            file.write(new byte[] { 4, 5, 6 });
        }
    }

    @Test
    void ext4WithExtents() throws Exception {
        fuzz("ext4", "-O", "^metadata_csum");
    }

    @Test
    void ext2WithBlockMaps() throws Exception {
        fuzz("ext2");
    }

    @Test
    void ext4WithInlineData() throws Exception {
        fuzz("ext4", "-O", "^metadata_csum,inline_data");
    }

    private void fuzz(String kind, String... options) throws Exception {
        Path image = work.resolve(kind + String.join("", options).replaceAll("[^a-z0-9]", "") + ".img");
        List<String> command = new ArrayList<>(List.of("mkfs." + kind, "-q", "-F", "-b", "" + BLOCK));
        command.addAll(List.of(options));
        command.addAll(List.of("-d", source.toString(), image.toString(), "2M"));
        ExtTestSupport.run(command);
        List<long[]> regions = metadataRegions(image);
        byte[] pristine = Files.readAllBytes(image);
        assertTrue(walk(pristine) >= 10, "the pristine image walks fully");

        assertTimeoutPreemptively(Duration.ofSeconds(120), () -> {
            Random random = new Random(SEED ^ kind.hashCode() ^ options.length);
            for (int iteration = 0; iteration < ITERATIONS; iteration++) {
                byte[] mutated = pristine.clone();
                int mutations = 1 + random.nextInt(6);
                for (int m = 0; m < mutations; m++) {
                    long[] region = regions.get(random.nextInt(regions.size()));
                    int at = (int) (region[0] + random.nextInt((int) region[1]));
                    switch (random.nextInt(4)) {
                        case 0 -> mutated[at] ^= (byte) (1 << random.nextInt(8));
                        case 1 -> mutated[at] = (byte) random.nextInt(256);
                        case 2 -> mutated[at] = 0;
                        default -> mutated[at] = (byte) 0xFF;
                    }
                }
                try {
                    walk(mutated);
                } catch (Throwable t) {
                    fail(kind + " " + String.join(" ", options) + ": seed " + SEED + " iteration " + iteration + ": " + t, t);
                }
            }
        });
    }

    /** Superblock, descriptor block, every used inode and directory block: where corruption matters. */
    private static List<long[]> metadataRegions(Path image) throws Exception {
        List<long[]> regions = new ArrayList<>();
        regions.add(new long[] { 1024, 1024 });
        regions.add(new long[] { 2048, BLOCK });
        try (var walk = Files.walk(source)) {
            for (Path p : walk.toList()) {
                String path = "/" + source.relativize(p);
                regions.add(new long[] { ExtTestSupport.inodeOffset(image, path, BLOCK), 256 });
                if (Files.isDirectory(p) || (Files.isRegularFile(p) && Files.size(p) > 100_000)) {
                    for (long block : ExtTestSupport.blocksIfAny(image, path)) {
                        regions.add(new long[] { block * BLOCK, BLOCK });
                    }
                }
            }
        }
        return regions;
    }

    /** Walks and reads everything; returns how many entries it saw. Allowed failures are swallowed. */
    private int walk(byte[] image) throws Exception {
        int[] seen = { 0 };
        FileSystem fs;
        try {
            fs = ext.open(ExtTestSupport.memory(image));
        } catch (IOException e) {
            allowed(e);
            return 0;
        }
        walkDirectory(fs, "/", 0, seen);
        return seen[0];
    }

    private void walkDirectory(FileSystem fs, String dir, int depth, int[] seen) throws Exception {
        List<FileEntry> entries;
        try {
            entries = fs.list(dir);
        } catch (IOException e) {
            allowed(e);
            return;
        }
        for (FileEntry entry : entries) {
            if (++seen[0] > MAX_ENTRIES_WALKED) {
                return;
            }
            try {
                fs.stat(entry.path());
            } catch (IOException e) {
                allowed(e);
            }
            if (entry.isDirectory() && depth < 40) {
                walkDirectory(fs, entry.path(), depth + 1, seen);
            } else if (entry.isFile()) {
                read(fs, entry.path());
            }
        }
    }

    private static void read(FileSystem fs, String path) throws Exception {
        try (OpenFile file = fs.open(path)) {
            byte[] buffer = new byte[64 * 1024];
            long size = file.entry().size();
            // the start and the end: a corrupt size may claim terabytes of holes
            for (long position : new long[] { 0, 64 * 1024, 128 * 1024, Math.max(0, size - buffer.length) }) {
                file.read(position, buffer, 0, buffer.length);
            }
        } catch (IOException e) {
            allowed(e);
        }
    }

    private static void allowed(IOException e) throws IOException {
        if (e instanceof DiskFormatException || e instanceof EOFException || e instanceof NoSuchFileException
                || e instanceof NotDirectoryException || (e.getMessage() != null && !e.getMessage().isBlank())) {
            return;
        }
        throw e;
    }
}
