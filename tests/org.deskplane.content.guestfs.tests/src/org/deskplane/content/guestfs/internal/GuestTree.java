package org.deskplane.content.guestfs.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;

/** A seeded random tree on the host, and its expected listing: relative path → "type size sha256". */
final class GuestTree {

    private static final String[] NAMES = { "Ünïcødé — 日本語 ✓.txt", "quote \" and back\\slash.txt", "naïve café.md",
            "with space", "Ωmega ≠ alpha.bin", "plain.txt" };

    private GuestTree() {
    }

    static void create(Path root, long seed) throws IOException {
        Random random = new Random(seed);
        Files.createDirectories(root);
        for (String name : NAMES) {
            write(root.resolve(name), random, random.nextInt(70_000));
        }
        write(root.resolve("empty"), random, 0);
        write(root.resolve("big.bin"), random, 3 * 1024 * 1024 + 17); // crosses several 1 MiB read chunks
        Files.createSymbolicLink(root.resolve("link to plain"), Path.of("plain.txt"));
        Path deep = root;
        for (int level = 0; level < 20; level++) {
            deep = Files.createDirectory(deep.resolve("level " + level));
        }
        write(deep.resolve("bottom.txt"), random, 4097);
        for (int d = 0; d < 3; d++) {
            Path dir = Files.createDirectory(root.resolve("dir " + d));
            for (int f = 0; f < 1 + random.nextInt(40); f++) {
                write(dir.resolve("file " + f + ".dat"), random, random.nextInt(3) == 0 ? 4096 : random.nextInt(20_000));
            }
        }
    }

    private static void write(Path file, Random random, int size) throws IOException {
        byte[] bytes = new byte[size];
        random.nextBytes(bytes);
        Files.write(file, bytes);
    }

    /** Every entry below {@code root}: "d", "l target" or "f size sha256". */
    static Map<String, String> expected(Path root) throws IOException {
        Map<String, String> entries = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path path : (Iterable<Path>) walk::iterator) {
                if (path.equals(root)) {
                    continue;
                }
                String relative = root.relativize(path).toString();
                if (Files.isSymbolicLink(path)) {
                    entries.put(relative, "l " + Files.readSymbolicLink(path));
                } else if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
                    entries.put(relative, "d");
                } else {
                    try (InputStream in = Files.newInputStream(path)) {
                        MessageDigest digest = sha256();
                        byte[] buffer = new byte[65536];
                        int n;
                        while ((n = in.read(buffer)) > 0) {
                            digest.update(buffer, 0, n);
                        }
                        entries.put(relative, "f " + Files.size(path) + " " + HexFormat.of().formatHex(digest.digest()));
                    }
                }
            }
        }
        return entries;
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
