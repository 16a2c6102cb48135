package org.deskplane.layers.client.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;

import org.deskplane.layers.api.EntryType;
import org.deskplane.layers.api.FileEntry;
import org.deskplane.layers.api.LayerException;
import org.deskplane.layers.chunking.TreeScanner;

/**
 * Puts one manifest entry on disk: a file's content comes from a local file with the same hash when there is one
 * (a move or a copy elsewhere in the tree), else chunk by chunk from the server. The content is written beside the
 * target, checked against the entry's hash and size, and renamed into place, so a reader never sees half a file.
 */
final class ContentWriter {

    private static final long MAX_CHUNK = 16L * 1024 * 1024;

    private final ServerLink server;

    ContentWriter(ServerLink server) {
        this.server = server;
    }

    /**
     * @param localCopies files on this endpoint by content hash, which spare a download
     */
    void write(FileEntry entry, Path target, Map<String, Path> localCopies) throws IOException, LayerException {
        Files.createDirectories(target.getParent());
        switch (entry.type()) {
        case DIRECTORY:
            if (Files.exists(target, LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
                Files.delete(target);
            }
            Files.createDirectories(target);
            setMode(target, entry.mode());
            return;
        case SYMLINK:
            Path link = temp(target);
            Files.deleteIfExists(link);
            Files.createSymbolicLink(link, Path.of(entry.linkTarget()));
            replace(link, target);
            return;
        default:
            Path part = temp(target);
            try {
                Path local = localCopies.get(entry.contentHash());
                if (local != null && Files.isRegularFile(local, LinkOption.NOFOLLOW_LINKS)) {
                    Files.copy(local, part, StandardCopyOption.REPLACE_EXISTING);
                } else {
                    download(entry, part);
                }
                verify(entry, part);
                setMode(part, entry.mode());
                Files.setLastModifiedTime(part, FileTime.fromMillis(entry.modifiedMillis()));
                replace(part, target);
            } finally {
                Files.deleteIfExists(part);
            }
        }
    }

    /** Writes the content of {@code entry} to {@code file} (any place: staging, a stub's fetch). */
    void download(FileEntry entry, Path file) throws IOException, LayerException {
        try (OutputStream out = Files.newOutputStream(file)) {
            for (String id : entry.chunks()) {
                try (InputStream in = server.chunk(id)) {
                    long copied = in.transferTo(out);
                    if (copied > MAX_CHUNK) {
                        throw new IOException("chunk " + id + " of " + entry.path() + " is larger than any chunk may be");
                    }
                }
            }
        }
    }

    static void verify(FileEntry entry, Path file) throws IOException {
        long size = Files.size(file);
        if (size != entry.size()) {
            throw new IOException(entry.path() + ": got " + size + " bytes, the manifest says " + entry.size());
        }
        String hash = sha256(file);
        if (!hash.equals(entry.contentHash())) {
            throw new IOException(entry.path() + ": the content does not match its hash (" + hash + " ≠ " + entry.contentHash() + ")");
        }
    }

    static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[64 * 1024];
            for (int n; (n = in.read(buffer)) > 0;) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void setMode(Path path, int mode) {
        try {
            Files.setPosixFilePermissions(path, TreeScanner.permissions(mode));
        } catch (UnsupportedOperationException | IOException e) {
            // a file system without POSIX permissions keeps its defaults
        }
    }

    private static Path temp(Path target) {
        return target.resolveSibling(".deskplane-" + target.getFileName() + ".part");
    }

    private static void replace(Path source, Path target) throws IOException {
        if (Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
            deleteTree(target);
        }
        Files.move(source, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    static void deleteTree(Path path) throws IOException {
        if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
            try (var children = Files.list(path)) {
                for (Path child : children.toList()) {
                    deleteTree(child);
                }
            }
        }
        Files.deleteIfExists(path);
    }
}
