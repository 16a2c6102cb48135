package org.deskplane.disk.iso9660.tests;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

import org.deskplane.disk.api.FileEntry;
import org.deskplane.disk.api.FileSystem;
import org.deskplane.disk.api.FileType;
import org.deskplane.disk.api.OpenFile;

/** Every entry of a tree by path: type, size, mtime (seconds), link target and SHA-256, for comparing trees. */
final class TreeSnapshot {

    /** What is compared of one entry; null fields are not compared by the caller's choice. */
    record Item(FileType type, long size, Instant modified, String linkTarget, String sha256) {
    }

    private TreeSnapshot() {
    }

    static Map<String, Item> ofSource(Path root, boolean withTimes) throws IOException {
        Map<String, Item> items = new TreeMap<>();
        try (var stream = Files.walk(root)) {
            for (Path path : (Iterable<Path>) stream::iterator) {
                if (path.equals(root)) {
                    continue;
                }
                String name = "/" + root.relativize(path).toString();
                Instant mtime = withTimes && !Files.isSymbolicLink(path)
                        ? Files.getLastModifiedTime(path, LinkOption.NOFOLLOW_LINKS).toInstant().truncatedTo(ChronoUnit.SECONDS)
                        : null;
                if (Files.isSymbolicLink(path)) {
                    String target = Files.readSymbolicLink(path).toString();
                    items.put(name, new Item(FileType.SYMLINK, target.getBytes(java.nio.charset.StandardCharsets.UTF_8).length,
                            null, target, null));
                } else if (Files.isDirectory(path)) {
                    items.put(name, new Item(FileType.DIRECTORY, -1, mtime, null, null));
                } else {
                    items.put(name, new Item(FileType.FILE, Files.size(path), mtime, null, sha256(Files.readAllBytes(path))));
                }
            }
        }
        return items;
    }

    static Map<String, Item> ofImage(FileSystem fs, boolean withTimes) throws IOException {
        Map<String, Item> items = new TreeMap<>();
        walk(fs, "/", items, withTimes, 0);
        return items;
    }

    private static void walk(FileSystem fs, String directory, Map<String, Item> items, boolean withTimes, int depth)
            throws IOException {
        if (depth > 64) {
            throw new AssertionError("tree deeper than 64 at " + directory);
        }
        for (FileEntry entry : fs.list(directory)) {
            String path = entry.path();
            Instant mtime = withTimes && entry.type() != FileType.SYMLINK && entry.modified() != null
                    ? entry.modified().truncatedTo(ChronoUnit.SECONDS)
                    : null;
            switch (entry.type()) {
            case DIRECTORY -> {
                items.put(path, new Item(FileType.DIRECTORY, -1, mtime, null, null));
                walk(fs, path, items, withTimes, depth + 1);
            }
            case FILE -> items.put(path, new Item(FileType.FILE, entry.size(), mtime, null, sha256(fs, path)));
            default -> items.put(path, new Item(entry.type(), entry.size(), null, entry.linkTarget(), null));
            }
        }
    }

    /** Reads the file through the service in 64 KiB steps. */
    static String sha256(FileSystem fs, String path) throws IOException {
        MessageDigest digest = digest();
        try (OpenFile file = fs.open(path)) {
            byte[] buffer = new byte[65536];
            long position = 0;
            int n;
            while ((n = file.read(position, buffer, 0, buffer.length)) > 0) {
                digest.update(buffer, 0, n);
                position += n;
            }
            if (position != file.entry().size()) {
                throw new AssertionError(path + ": read " + position + " of " + file.entry().size() + " bytes");
            }
        }
        return HexFormat.of().formatHex(digest.digest());
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
