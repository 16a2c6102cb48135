package org.deskplane.disk.ntfs.internal;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** A seeded random source tree with what an NTFS reader must get right. */
final class RandomTree {

    static final String UNICODE_NAME = "Ünïcødé — 日本語 ✓.txt";
    static final int MANY = 300;
    static final int HARD_LINKS = 40;

    private final Random random;
    private final List<Path> created = new ArrayList<>();

    RandomTree(long seed) {
        this.random = new Random(seed);
    }

    void build(Path root, boolean big) throws IOException {
        file(root.resolve(UNICODE_NAME), 100 + random.nextInt(300));
        file(root.resolve("empty.txt"), 0);
        for (int size : new int[] { 1, 511, 700, 1023, 4095, 4096, 4097, 12_345, 65_537 }) {
            file(root.resolve("odd-" + size + ".bin"), size);
        }
        if (big) {
            file(root.resolve("big.bin"), 3 * 1024 * 1024 + 12_345);
        }
        Path deep = root;
        for (int i = 0; i < 20; i++) {
            deep = dir(deep.resolve("level " + i + (i % 3 == 0 ? " ß" : "")));
        }
        file(deep.resolve("leaf.txt"), 321);
        Path many = dir(root.resolve("many"));
        for (int i = 0; i < MANY; i++) {
            file(many.resolve(randomName(i)), random.nextInt(3) == 0 ? 2000 + random.nextInt(5000) : random.nextInt(200));
        }
        Path links = dir(root.resolve("links"));
        Path linked = file(links.resolve("linked.txt"), 5000);
        for (int i = 0; i < HARD_LINKS; i++) {
            Files.createLink(links.resolve("hard link number " + i + ".txt"), linked);
        }
        Files.createSymbolicLink(root.resolve("sym"), Path.of(UNICODE_NAME));
        created.add(root.resolve("sym"));
        Path sparse = root.resolve("sparse.bin");
        try (RandomAccessFile f = new RandomAccessFile(sparse.toFile(), "rw")) {
            f.setLength(8L << 20);
            for (long at : new long[] { 0, 3L << 20, (8L << 20) - 5000 }) {
                byte[] data = new byte[5000];
                random.nextBytes(data);
                f.seek(at);
                f.write(data);
            }
        }
        created.add(sparse);
        if (big) {
            // many data pieces separated by holes: its runlist outgrows one MFT record (attribute list)
            Path runs = root.resolve("runs.bin");
            try (RandomAccessFile f = new RandomAccessFile(runs.toFile(), "rw")) {
                long size = 48L << 20;
                f.setLength(size);
                byte[] data = new byte[1024];
                for (long at = 0; at < size; at += 192 << 10) {
                    random.nextBytes(data);
                    f.seek(at);
                    f.write(data);
                }
            }
            created.add(runs);
        }
        // times last, deepest first, so directories keep theirs (100 ns is NTFS's precision)
        for (int i = created.size() - 1; i >= 0; i--) {
            Instant t = Instant.ofEpochSecond(631_152_000L + (long) (random.nextDouble() * 1_262_304_000L),
                    random.nextInt(10_000_000) * 100L);
            Files.getFileAttributeView(created.get(i), java.nio.file.attribute.BasicFileAttributeView.class,
                    LinkOption.NOFOLLOW_LINKS).setTimes(FileTime.from(t), null, null);
        }
    }

    private String randomName(int i) {
        String alphabet = "abcdefghijklmnopqrstuvwxyzäöüéèçñ日本語中文한국어ΑΒΓαβγ-_ 0123456789";
        StringBuilder sb = new StringBuilder("f" + i + "-");
        int n = 1 + random.nextInt(40);
        for (int k = 0; k < n; k++) {
            sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return sb.toString().strip() + ".dat";
    }

    private Path dir(Path p) throws IOException {
        Files.createDirectories(p);
        created.add(p);
        return p;
    }

    private Path file(Path p, int size) throws IOException {
        byte[] data = new byte[size];
        random.nextBytes(data);
        Files.write(p, data);
        created.add(p);
        return p;
    }
}
