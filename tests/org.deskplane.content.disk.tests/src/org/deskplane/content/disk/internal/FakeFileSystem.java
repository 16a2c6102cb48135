package org.deskplane.content.disk.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.deskplane.disk.api.FileEntry;
import org.deskplane.disk.api.FileSystem;
import org.deskplane.disk.api.FileType;
import org.deskplane.disk.api.OpenFile;

/**
 * An in-memory file system for testing the view alone: a tree of folders and files, recording which paths
 * it was asked for and whether it was closed.
 */
final class FakeFileSystem implements FileSystem {
    static final Instant MODIFIED = Instant.parse("2024-05-01T10:00:00Z");

    private final String label;
    private final Map<String, FileEntry> entries = new LinkedHashMap<>();
    private final Map<String, byte[]> contents = new LinkedHashMap<>();
    final List<String> asked = new ArrayList<>();
    boolean closed;
    boolean failOnClose;

    FakeFileSystem(String label) {
        this.label = label;
        entries.put("/", new FileEntry("", "/", FileType.DIRECTORY, 4096, MODIFIED, null, null, null, Set.of()));
    }

    FakeFileSystem folder(String path) {
        entries.put(path, entry(path, FileType.DIRECTORY, 4096, null));
        return this;
    }

    FakeFileSystem file(String path, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        entries.put(path, entry(path, FileType.FILE, bytes.length, null));
        contents.put(path, bytes);
        return this;
    }

    FakeFileSystem symlink(String path, String target) {
        entries.put(path, entry(path, FileType.SYMLINK, target.length(), target));
        return this;
    }

    private static FileEntry entry(String path, FileType type, long size, String target) {
        return new FileEntry(path.substring(path.lastIndexOf('/') + 1), path, type, size, MODIFIED, null, null, target,
                Set.of());
    }

    @Override
    public String type() {
        return "fake";
    }

    @Override
    public String label() {
        return label;
    }

    @Override
    public FileEntry stat(String path) throws IOException {
        asked.add(path);
        FileEntry entry = entries.get(path);
        if (entry == null) {
            throw new NoSuchFileException(path);
        }
        return entry;
    }

    @Override
    public List<FileEntry> list(String path) throws IOException {
        if (!stat(path).isDirectory()) {
            throw new NotDirectoryException(path);
        }
        String prefix = path.equals("/") ? "/" : path + "/";
        List<FileEntry> children = new ArrayList<>();
        for (FileEntry entry : entries.values()) {
            String p = entry.path();
            if (!p.equals("/") && p.startsWith(prefix) && p.indexOf('/', prefix.length()) < 0) {
                children.add(entry);
            }
        }
        return children;
    }

    @Override
    public OpenFile open(String path) throws IOException {
        FileEntry entry = stat(path);
        if (!entry.isFile()) {
            throw new IOException(path + " is not a regular file");
        }
        byte[] bytes = contents.get(path);
        return new OpenFile() {
            @Override
            public FileEntry entry() {
                return entry;
            }

            @Override
            public int read(long position, byte[] buffer, int bufferOffset, int length) {
                if (position >= bytes.length) {
                    return -1;
                }
                int n = (int) Math.min(length, bytes.length - position);
                System.arraycopy(bytes, (int) position, buffer, bufferOffset, n);
                return n;
            }

            @Override
            public void close() {
                // nothing held
            }
        };
    }

    @Override
    public void close() throws IOException {
        closed = true;
        if (failOnClose) {
            throw new IOException("fake close failure");
        }
    }
}
