package org.deskplane.vmdiff.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;

import org.deskplane.vmdiff.store.internal.Durable;
import org.deskplane.vmdiff.store.internal.Hashes;

/**
 * SHA-256 of base images. Hashing a multi-gigabyte base at every resume would take longer than the resume, so the
 * hash is remembered beside the file with the file's size, modification time and inode: any change to the file
 * makes it hash again.
 */
final class BaseHashes {

    private BaseHashes() {
    }

    static String compute(Path image) throws IOException {
        MessageDigest digest = Hashes.sha256();
        byte[] buffer = new byte[1 << 20];
        try (InputStream in = Files.newInputStream(image)) {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                digest.update(buffer, 0, n);
            }
        }
        return Hashes.hex(digest.digest());
    }

    static void remember(Path base, String sha) throws IOException {
        Durable.write(stamp(base), (identity(base) + " " + sha).getBytes(StandardCharsets.US_ASCII));
    }

    /** The base's hash: remembered if the file is unchanged since, else computed (and remembered). */
    static String verified(Path base) throws IOException {
        Path stamp = stamp(base);
        if (Files.isRegularFile(stamp)) {
            String[] parts = Files.readString(stamp, StandardCharsets.US_ASCII).trim().split(" ");
            if (parts.length == 2 && parts[0].equals(identity(base))) {
                return parts[1];
            }
        }
        String sha = compute(base);
        remember(base, sha);
        return sha;
    }

    /** SHA-256 of each transfer block, kept in a file beside the base (rewritten when the base changed). */
    static java.util.List<byte[]> blocks(Path base) throws IOException {
        Path file = base.resolveSibling("." + base.getFileName() + ".blocks");
        String identity = identity(base);
        if (Files.isRegularFile(file)) {
            java.util.List<String> lines = Files.readAllLines(file, StandardCharsets.US_ASCII);
            if (!lines.isEmpty() && lines.get(0).equals(identity)) {
                return lines.subList(1, lines.size()).stream().map(java.util.HexFormat.of()::parseHex).toList();
            }
        }
        java.util.List<byte[]> hashes = new java.util.ArrayList<>();
        StringBuilder text = new StringBuilder(identity).append('\n');
        byte[] buffer = new byte[org.deskplane.vmdiff.api.BaseImage.BLOCK];
        try (InputStream in = Files.newInputStream(base)) {
            for (int n = in.readNBytes(buffer, 0, buffer.length); n > 0; n = in.readNBytes(buffer, 0, buffer.length)) {
                MessageDigest digest = Hashes.sha256();
                digest.update(buffer, 0, n);
                byte[] hash = digest.digest();
                hashes.add(hash);
                text.append(Hashes.hex(hash)).append('\n');
            }
        }
        Durable.write(file, text.toString().getBytes(StandardCharsets.US_ASCII));
        return hashes;
    }

    private static Path stamp(Path base) {
        return base.resolveSibling("." + base.getFileName() + ".sha256");
    }

    private static String identity(Path file) throws IOException {
        BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
        return attributes.size() + ":" + attributes.lastModifiedTime().toMillis() + ":" + attributes.fileKey();
    }
}
