package org.deskplane.content.share.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import org.deskplane.content.api.ContentEntry;
import org.deskplane.content.api.ContentException;
import org.deskplane.content.api.ContentException.Reason;
import org.deskplane.content.api.ContentReader;
import org.deskplane.content.api.ContentView;
import org.deskplane.content.api.EntryType;

/** A share's directory tree, confined to its root. */
final class ShareView implements ContentView {
    static final int MAX_LIST = 100_000;

    private final Path root;
    private final boolean writable;

    ShareView(Path root, boolean writable) {
        this.root = root;
        this.writable = writable;
    }

    /** The file for a normalised path; every existing ancestor must be a real directory inside the root. */
    private Path resolve(String path) throws IOException {
        Path file = root;
        String[] segments = path.equals("/") ? new String[0] : path.substring(1).split("/");
        for (int i = 0; i < segments.length; i++) {
            file = file.resolve(segments[i]);
            if (i < segments.length - 1 && Files.exists(file, LinkOption.NOFOLLOW_LINKS)
                    && !Files.isDirectory(file, LinkOption.NOFOLLOW_LINKS)) {
                // a symlink in the middle could lead out of the share: never followed
                throw new NotDirectoryException(path);
            }
        }
        if (!file.normalize().startsWith(root)) {
            throw new ContentException(Reason.INVALID, "path leaves the share: " + path);
        }
        return file;
    }

    @Override
    public ContentEntry stat(String path) throws IOException {
        return entry(path, resolve(path));
    }

    @Override
    public List<ContentEntry> list(String path) throws IOException {
        Path directory = resolve(path);
        if (!Files.isDirectory(directory, LinkOption.NOFOLLOW_LINKS)) {
            if (!Files.exists(directory, LinkOption.NOFOLLOW_LINKS)) {
                throw new NoSuchFileException(path);
            }
            throw new NotDirectoryException(path);
        }
        List<ContentEntry> entries = new ArrayList<>();
        try (DirectoryStream<Path> children = Files.newDirectoryStream(directory)) {
            for (Path child : children) {
                if (entries.size() >= MAX_LIST) {
                    throw new ContentException(Reason.UNREADABLE, path + " has more than " + MAX_LIST + " entries");
                }
                String name = child.getFileName().toString();
                entries.add(entry(path.equals("/") ? "/" + name : path + "/" + name, child));
            }
        }
        return entries;
    }

    @Override
    public ContentReader open(String path) throws IOException {
        Path file = resolve(path);
        ContentEntry entry = entry(path, file);
        if (entry.type() != EntryType.FILE) {
            throw new ContentException(Reason.WRONG_TYPE, path + " is not a file");
        }
        FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
        return new ContentReader() {
            @Override
            public ContentEntry entry() {
                return entry;
            }

            @Override
            public int read(long position, byte[] buffer, int offset, int length) throws IOException {
                return channel.read(ByteBuffer.wrap(buffer, offset, length), position);
            }

            @Override
            public void close() throws IOException {
                channel.close();
            }
        };
    }

    @Override
    public boolean writable() {
        return writable;
    }

    @Override
    public ContentEntry write(String path, InputStream content) throws IOException {
        requireWritable();
        if (path.equals("/")) {
            throw new ContentException(Reason.INVALID, "cannot write to the root of a share");
        }
        Path file = resolve(path);
        Path parent = file.getParent();
        if (!Files.isDirectory(parent, LinkOption.NOFOLLOW_LINKS)) {
            throw new NoSuchFileException(path.substring(0, path.lastIndexOf('/')) + " (no such folder)");
        }
        if (Files.isDirectory(file, LinkOption.NOFOLLOW_LINKS) || Files.isSymbolicLink(file)) {
            throw new ContentException(Reason.WRONG_TYPE, path + " is not a regular file");
        }
        Path temporary = Files.createTempFile(parent, ".upload-", ".part");
        try {
            try (FileChannel out = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
                byte[] buffer = new byte[1 << 16];
                int n;
                while ((n = content.read(buffer)) > 0) {
                    ByteBuffer chunk = ByteBuffer.wrap(buffer, 0, n);
                    while (chunk.hasRemaining()) {
                        out.write(chunk);
                    }
                }
                out.force(true);
            }
            try {
                Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temporary);
        }
        return entry(path, file);
    }

    @Override
    public void delete(String path) throws IOException {
        requireWritable();
        Path file = resolve(path);
        if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            throw new NoSuchFileException(path);
        }
        Files.delete(file);
    }

    @Override
    public void close() {
        // nothing held open: readers own their channels
    }

    /** The view refuses on its own too, whoever calls it (the CAL checks first). */
    private void requireWritable() throws ContentException {
        if (!writable) {
            throw new ContentException(Reason.READ_ONLY, "this share is read-only");
        }
    }

    private static ContentEntry entry(String path, Path file) throws IOException {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            throw new NoSuchFileException(path);
        }
        EntryType type = attributes.isDirectory() ? EntryType.DIRECTORY : attributes.isRegularFile() ? EntryType.FILE
                : attributes.isSymbolicLink() ? EntryType.SYMLINK : EntryType.OTHER;
        String name = path.equals("/") ? "" : path.substring(path.lastIndexOf('/') + 1);
        String target = type == EntryType.SYMLINK ? Files.readSymbolicLink(file).toString() : null;
        long size = type == EntryType.FILE ? attributes.size() : 0;
        return new ContentEntry(name, path, type, size, attributes.lastModifiedTime().toInstant(), target,
                etag(path, attributes));
    }

    /** Changes whenever the file is replaced or written (identity, size, modification time to the nanosecond). */
    static String etag(String path, BasicFileAttributes attributes) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update((path + "\n" + attributes.fileKey() + "\n" + attributes.size() + "\n"
                    + attributes.lastModifiedTime().toInstant()).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest.digest(), 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
