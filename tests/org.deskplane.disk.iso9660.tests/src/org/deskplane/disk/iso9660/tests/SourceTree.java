package org.deskplane.disk.iso9660.tests;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A seeded random directory tree: nested and deep directories, Unicode names, empty files, sizes around block
 * boundaries, a few-MiB file and (where the image keeps them) symbolic links; every mtime set to a whole second.
 */
final class SourceTree {

    enum Names {
        /** Any Unicode (Rock Ridge, Joliet) up to 60 characters. */
        UNICODE,
        /** Upper-case 8.3 names plain ISO 9660 keeps as they are. */
        PLAIN
    }

    private static final int[] ODD_SIZES = { 0, 1, 2047, 2048, 2049, 4095, 4097, 10_000, 65_537 };

    private SourceTree() {
    }

    static void create(Path root, long seed, Names names, boolean symlinks, int depth) throws IOException {
        Random random = new Random(seed);
        Files.createDirectories(root);
        List<Path> directories = new ArrayList<>();
        directories.add(root);
        int counter = 0;
        // a deep chain
        Path deep = root;
        for (int level = 1; level <= depth; level++) {
            deep = deep.resolve(names == Names.PLAIN ? "D" + level : "level" + level);
            Files.createDirectories(deep);
            directories.add(deep);
        }
        write(deep.resolve(names == Names.PLAIN ? "DEEP.TXT" : "deep.txt"), bytes(random, 123));
        for (int i = 0; i < 6; i++) {
            Path parent = directories.get(random.nextInt(directories.size()));
            Path dir = parent.resolve(names == Names.PLAIN ? "DIR" + (counter++) : "dir " + (counter++) + " ✓");
            Files.createDirectories(dir);
            directories.add(dir);
        }
        for (int size : ODD_SIZES) {
            Path parent = directories.get(random.nextInt(directories.size()));
            String name = names == Names.PLAIN ? "F" + (counter++) + ".BIN" : "file " + (counter++) + " size " + size;
            write(parent.resolve(name), bytes(random, size));
        }
        write(root.resolve(names == Names.PLAIN ? "BIG.BIN" : "big.bin"), bytes(random, 3 * 1024 * 1024 + 77));
        if (names == Names.UNICODE) {
            write(root.resolve("Ünïcødé — 日本語 ✓.txt"), bytes(random, 5000));
            write(directories.get(1).resolve("Ελληνικά и кириллица.dat"), bytes(random, 2049));
        }
        if (symlinks) {
            Files.createSymbolicLink(root.resolve("link to big"), Path.of("big.bin"));
            Files.createSymbolicLink(directories.get(2).resolve("abs link"), Path.of("/etc/hostname"));
            Files.createSymbolicLink(directories.get(1).resolve("up link"), Path.of("../level1/./x"));
        }
        // mtimes last, deepest first, so creating children does not change them again
        List<Path> all;
        try (var stream = Files.walk(root)) {
            all = new ArrayList<>(stream.toList());
        }
        java.util.Collections.reverse(all);
        for (Path path : all) {
            if (!Files.isSymbolicLink(path)) {
                Files.setLastModifiedTime(path, FileTime.fromMillis(1_500_000_000_000L + random.nextInt(100_000_000) * 1000L));
            }
        }
    }

    private static byte[] bytes(Random random, int size) {
        byte[] b = new byte[size];
        random.nextBytes(b);
        return b;
    }

    private static void write(Path file, byte[] content) throws IOException {
        Files.write(file, content);
    }
}
