package org.deskplane.disk.ext.tests;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Random;

/** A seeded random directory tree with everything the ext reader must handle. */
final class SourceTree {

    static final String UNICODE_NAME = "Ünïcødé — 日本語 ✓.txt";
    static final String HUGE = "huge.bin";
    static final long HUGE_SIZE = 4500L * 1024 * 1024;
    static final long HUGE_MIDDLE = 2000L * 1024 * 1024 + 123;
    static final byte[] HUGE_MIDDLE_BYTES = "in the middle of a 4.5 GiB file".getBytes();
    static final byte[] HUGE_END_BYTES = "the very end".getBytes();
    static final String SPARSE = "sparse.bin";
    static final String BIG_DIR = "many";
    static final int BIG_DIR_ENTRIES = 3000;
    static final String LONG_LINK_TARGET = "a/target/path/that/is/longer/than/sixty/bytes/so/it/needs/a/data/block/" + "x".repeat(40);

    private SourceTree() {
    }

    static void build(Path root, long seed) throws IOException, InterruptedException {
        Random random = new Random(seed);
        Files.createDirectories(root);
        // files crossing block boundaries of 1 KiB and 4 KiB blocks, and into indirect blocks
        int[] sizes = { 0, 1, 59, 60, 61, 1023, 1024, 1025, 4095, 4096, 4097, 12 * 1024 + 1, 12 * 4096 + 7,
                65_537, 300_001 };
        Path odd = Files.createDirectories(root.resolve("odd sizes"));
        for (int size : sizes) {
            write(odd.resolve("file-" + size + ".bin"), random, size);
        }
        write(root.resolve("few-mib.bin"), random, 3 * 1024 * 1024 + 17);
        write(root.resolve(UNICODE_NAME), random, 777);
        Files.createFile(root.resolve("empty"));
        write(root.resolve("tiny.txt"), random, 40);

        Path deep = root;
        for (int level = 1; level <= 20; level++) {
            deep = Files.createDirectories(deep.resolve("level" + level));
        }
        write(deep.resolve("bottom.txt"), random, 123);

        Path many = Files.createDirectories(root.resolve(BIG_DIR));
        for (int i = 0; i < BIG_DIR_ENTRIES; i++) {
            Path file = many.resolve("entry-" + i + "-" + Long.toHexString(random.nextLong()));
            write(file, random, i % 50 == 0 ? random.nextInt(100) : 0);
        }

        for (int d = 0; d < 6; d++) {
            Path dir = Files.createDirectories(root.resolve("nested").resolve("d" + d).resolve("e" + random.nextInt(3)));
            for (int f = 0; f < 4; f++) {
                write(dir.resolve("f" + f), random, random.nextInt(20_000));
            }
        }

        Files.createSymbolicLink(root.resolve("short-link"), Path.of("tiny.txt"));
        Files.createSymbolicLink(root.resolve("long-link"), Path.of(LONG_LINK_TARGET));
        Files.createSymbolicLink(root.resolve("dir-link"), Path.of("nested/d1"));
        ExtTestSupport.run(List.of("mkfifo", root.resolve("a-fifo").toString()));

        // sparse: data, a 2 MiB hole, data, a hole to the end
        try (RandomAccessFile file = new RandomAccessFile(root.resolve(SPARSE).toFile(), "rw")) {
            file.write(bytes(random, 5000));
            file.seek(2 * 1024 * 1024 + 10);
            file.write(bytes(random, 9000));
            file.setLength(6 * 1024 * 1024);
        }
        try (RandomAccessFile file = new RandomAccessFile(root.resolve(HUGE).toFile(), "rw")) {
            file.setLength(HUGE_SIZE);
            file.seek(HUGE_MIDDLE);
            file.write(HUGE_MIDDLE_BYTES);
            file.seek(HUGE_SIZE - HUGE_END_BYTES.length);
            file.write(HUGE_END_BYTES);
        }

        // seeded modification times (mke2fs copies seconds), set last so that writes do not change them
        try (var walk = Files.walk(root)) {
            for (Path p : walk.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
                long seconds = 100_000_000L + (long) (random.nextDouble() * 2_000_000_000L);
                if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS) || Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)
                        || Files.isSymbolicLink(p)) {
                    Files.setAttribute(p, "basic:lastModifiedTime", FileTime.from(java.time.Instant.ofEpochSecond(seconds)),
                            LinkOption.NOFOLLOW_LINKS);
                } else {
                    // Java opens the file to set its times, which blocks on a FIFO: let touch do it
                    ExtTestSupport.run(List.of("touch", "-h", "-d", "@" + seconds, p.toString()));
                }
            }
        }
    }

    private static void write(Path file, Random random, int size) throws IOException {
        Files.write(file, bytes(random, size));
    }

    private static byte[] bytes(Random random, int size) {
        byte[] data = new byte[size];
        random.nextBytes(data);
        return data;
    }
}
