package org.deskplane.disk.ntfs.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

import org.deskplane.disk.api.FileType;

/** What the reader must report for each path of a source tree. */
record Expected(FileType type, long size, Instant modified, String sha256, String linkTarget) {

    static Map<String, Expected> of(Path root) throws IOException {
        Map<String, Expected> out = new TreeMap<>();
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes a) {
                if (!dir.equals(root)) {
                    out.put(path(dir), new Expected(FileType.DIRECTORY, 0, a.lastModifiedTime().toInstant(), null,
                            null));
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes a) throws IOException {
                if (a.isSymbolicLink()) {
                    out.put(path(file), new Expected(FileType.SYMLINK, a.size(), a.lastModifiedTime().toInstant(),
                            null, Files.readSymbolicLink(file).toString()));
                } else {
                    out.put(path(file), new Expected(FileType.FILE, a.size(), a.lastModifiedTime().toInstant(),
                            sha256(file), null));
                }
                return FileVisitResult.CONTINUE;
            }

            private String path(Path p) {
                return "/" + root.relativize(p).toString();
            }
        });
        return out;
    }

    static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 16];
            int n;
            while ((n = in.read(buf)) > 0) {
                md.update(buf, 0, n);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
