package org.deskplane.disk.fat.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.HashSet;
import java.util.Locale;
import java.util.Random;
import java.util.Set;

/**
 * A seeded random directory tree for FAT: nested and 20-deep directories, Unicode long names, lower-case 8.3
 * names, empty files, sizes around cluster boundaries, one big file, one directory of many entries. No two
 * names in a directory differ only in case (FAT could not hold both). Files get whole-second mtimes in
 * 1981–2100, odd seconds included, so that FAT's 2 s precision shows.
 */
final class RandomTree {

    /** BMP only: mcopy (mtools 4.0) cuts characters beyond U+FFFF to 16 bits (😀 U+1F600 became U+F600). */
    private static final String[] UNICODE = { "Ünïcødé — 日本語 ✓.txt", "ファイル名.dat", "Ελληνικά κείμενα",
            "naïve café.md", "Ωmega ≠ alpha.bin", "Straße", "symbols ★☃♫ here.txt" };

    private final Random random;
    private final int clusterSize;

    private RandomTree(long seed, int clusterSize) {
        this.random = new Random(seed);
        this.clusterSize = clusterSize;
    }

    static void create(Path root, long seed, int clusterSize, int bigFileBytes, int manyEntries) throws IOException {
        new RandomTree(seed, clusterSize).fill(root, bigFileBytes, manyEntries);
    }

    private void fill(Path root, int bigFileBytes, int manyEntries) throws IOException {
        Set<String> rootNames = new HashSet<>();
        for (String name : UNICODE) {
            file(root, rootNames, name, randomSize());
        }
        file(root, rootNames, "empty.txt", 0);
        file(root, rootNames, "readme.txt", 100); // lower-case 8.3: NT flags, no long name
        file(root, rootNames, "UPPER.TXT", clusterSize);
        file(root, rootNames, "MixedCase.Txt", clusterSize + 1);
        file(root, rootNames, "big.bin", bigFileBytes);
        for (int i = 0; i < 3; i++) {
            Path sub = dir(root, rootNames, "dir " + i);
            nested(sub, 3);
        }
        Path deep = dir(root, rootNames, "deep");
        for (int level = 0; level < 20; level++) {
            deep = Files.createDirectory(deep.resolve("level" + level));
            setTime(deep);
        }
        file(deep, new HashSet<>(), "bottom of the tree.txt", 12345);
        Path many = dir(root, rootNames, "many");
        Set<String> manyNames = new HashSet<>();
        for (int i = 0; i < manyEntries; i++) {
            file(many, manyNames, String.format("entry number %04d of many.txt", i), random.nextInt(3 * clusterSize));
        }
    }

    private void nested(Path dir, int depth) throws IOException {
        Set<String> names = new HashSet<>();
        int files = 2 + random.nextInt(6);
        for (int i = 0; i < files; i++) {
            file(dir, names, randomName(), randomSize());
        }
        if (depth > 0) {
            int dirs = 1 + random.nextInt(2);
            for (int i = 0; i < dirs; i++) {
                nested(dir(dir, names, randomName()), depth - 1);
            }
        }
    }

    private int randomSize() {
        return switch (random.nextInt(5)) {
        case 0 -> 0;
        case 1 -> random.nextInt(100);
        case 2 -> clusterSize * (1 + random.nextInt(4)) + random.nextInt(3) - 1; // around a cluster boundary
        default -> random.nextInt(5 * clusterSize);
        };
    }

    private String randomName() {
        String letters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 _-+";
        StringBuilder name = new StringBuilder();
        int length = 1 + random.nextInt(24);
        for (int i = 0; i < length; i++) {
            name.append(letters.charAt(random.nextInt(letters.length())));
        }
        if (random.nextBoolean()) {
            name.append('.').append(random.nextBoolean() ? "txt" : "Data");
        }
        return name.toString().trim().isEmpty() ? "x" : name.toString().trim();
    }

    private boolean claim(Set<String> names, String name) {
        return names.add(name.toUpperCase(Locale.ROOT));
    }

    private Path dir(Path parent, Set<String> names, String name) throws IOException {
        while (!claim(names, name)) {
            name = name + "_";
        }
        Path dir = Files.createDirectory(parent.resolve(name));
        setTime(dir);
        return dir;
    }

    private void file(Path parent, Set<String> names, String name, int size) throws IOException {
        while (!claim(names, name)) {
            name = "_" + name;
        }
        byte[] data = new byte[size];
        random.nextBytes(data);
        Path file = Files.write(parent.resolve(name), data);
        setTime(file);
    }

    private void setTime(Path path) throws IOException {
        long from = Instant.parse("1981-01-01T00:00:00Z").getEpochSecond();
        long to = Instant.parse("2100-01-01T00:00:00Z").getEpochSecond();
        Files.setLastModifiedTime(path, FileTime.from(Instant.ofEpochSecond(from + (long) (random.nextDouble() * (to - from)))));
    }
}
