package org.deskplane.delivery.iso.tests;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;

/** Source trees for the tests and what is compared of them: path → "dir", or file SHA-256 and executable bit. */
final class Trees {

    private Trees() {
    }

    /** A payload like a delivery: an installer script, text, random binaries, Unicode names, an empty file. */
    static Path payload(Path root, long seed) throws IOException {
        Random random = new Random(seed);
        Files.createDirectories(root.resolve("patches/2026-11"));
        Files.writeString(root.resolve("install.sh"), "#!/bin/sh\nset -e\necho installing\n");
        executable(root.resolve("install.sh"));
        Files.writeString(root.resolve("README.txt"), "Deskplane payload\n");
        Files.write(root.resolve("patches/2026-11/fix-1.patch"), bytes(random, 70_000));
        Files.write(root.resolve("patches/2026-11/fix-2.bin"), bytes(random, 2048));
        Files.write(root.resolve("patches/odd size.dat"), bytes(random, 2049));
        Files.createFile(root.resolve("empty"));
        Files.createDirectories(root.resolve("empty dir"));
        Files.createDirectories(root.resolve("Grüße"));
        Files.writeString(root.resolve("Grüße/日本語 ファイル.txt"), "こんにちは\n");
        Files.writeString(root.resolve("Grüße/emoji 😀 outside the BMP.txt"), "😀\n");
        Files.writeString(root.resolve("MiXeD case.TXT"), "case\n");
        Files.writeString(root.resolve("mixed CASE.txt"), "other case, same ISO 8.3 name\n");
        for (int i = 0; i < 40; i++) { // many siblings whose level-1 names collide
            Files.write(root.resolve("patches/module-component-" + i + ".jar"), bytes(random, 100 + i));
        }
        Path deep = root;
        for (int level = 0; level < 14; level++) {
            deep = deep.resolve("level " + level);
        }
        Files.createDirectories(deep);
        Files.writeString(deep.resolve("n".repeat(196) + ".txt"), "200-character name, 14 levels deep\n");
        Files.writeString(deep.resolve("ü".repeat(120) + ".txt"), "244 UTF-8 bytes of name\n");
        Path tool = deep.resolve("tool.sh");
        Files.writeString(tool, "#!/bin/sh\necho deep\n");
        executable(tool);
        return root;
    }

    static void executable(Path file) throws IOException {
        Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
        permissions.add(PosixFilePermission.OWNER_EXECUTE);
        Files.setPosixFilePermissions(file, permissions);
    }

    static byte[] bytes(Random random, int size) {
        byte[] bytes = new byte[size];
        random.nextBytes(bytes);
        return bytes;
    }

    /** Relative path → "dir" or "sha256 x|-" (executable bit), for a whole tree. */
    static Map<String, String> snapshot(Path root) throws IOException {
        Map<String, String> items = new TreeMap<>();
        try (var stream = Files.walk(root)) {
            for (Path path : (Iterable<Path>) stream::iterator) {
                if (path.equals(root)) {
                    continue;
                }
                String name = root.relativize(path).toString();
                if (Files.isSymbolicLink(path)) {
                    items.put(name, "symlink");
                } else if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
                    items.put(name, "dir");
                } else {
                    boolean x = Files.getPosixFilePermissions(path).contains(PosixFilePermission.OWNER_EXECUTE);
                    items.put(name, sha256(path) + (x ? " x" : " -"));
                }
            }
        }
        return items;
    }

    static String sha256(Path file) throws IOException {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest())) {
            MessageDigest digest = ((DigestInputStream) in).getMessageDigest();
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(digest.digest());
        }
    }

    static String sha256(byte[] bytes) {
        return HexFormat.of().formatHex(digest().digest(bytes));
    }

    private static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
