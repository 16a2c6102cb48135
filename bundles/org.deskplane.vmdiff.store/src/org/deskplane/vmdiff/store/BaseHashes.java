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

    private static Path stamp(Path base) {
        return base.resolveSibling("." + base.getFileName() + ".sha256");
    }

    private static String identity(Path file) throws IOException {
        BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
        return attributes.size() + ":" + attributes.lastModifiedTime().toMillis() + ":" + attributes.fileKey();
    }
}
