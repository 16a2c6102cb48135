package org.deskplane.content.disk.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import org.deskplane.content.api.ContentEntry;
import org.deskplane.content.api.ContentException;
import org.deskplane.content.api.ContentException.Reason;
import org.deskplane.content.api.ContentReader;
import org.deskplane.content.api.ContentView;
import org.deskplane.content.api.EntryType;
import org.deskplane.disk.api.BlockDevice;
import org.deskplane.disk.api.FileEntry;
import org.deskplane.disk.api.FileSystem;
import org.deskplane.disk.api.OpenFile;

/** The mounted volumes of one disk, read-only. */
final class DiskView implements ContentView {

    /** One file system and the folder name it gets when the disk has several. */
    record Volume(String name, FileSystem fileSystem) {
    }

    private final BlockDevice disk;
    private final List<Volume> volumes;
    private final Instant imageModified;
    private final String image;
    private final String note;
    /** The folder of a single-volume disk shown as the root, or "/" for the whole volume. */
    private final String root;

    DiskView(BlockDevice disk, List<Volume> volumes, Instant imageModified, String image, String note, String root) {
        this.disk = disk;
        this.volumes = List.copyOf(volumes);
        this.imageModified = imageModified;
        this.image = image;
        this.note = note;
        this.root = volumes.size() == 1 ? root : "/";
    }

    /** Which file system a path is on, and the path within it. */
    private record Located(Volume volume, String path) {
    }

    private Located locate(String path) throws IOException {
        if (volumes.size() == 1) {
            return new Located(volumes.get(0), root.equals("/") ? path : path.equals("/") ? root : root + path);
        }
        String first = path.equals("/") ? "" : path.substring(1).split("/", 2)[0];
        for (Volume volume : volumes) {
            if (volume.name().equals(first)) {
                String rest = path.substring(1 + first.length());
                return new Located(volume, rest.isEmpty() ? "/" : rest);
            }
        }
        throw new NoSuchFileException(path);
    }

    private boolean virtualRoot(String path) {
        return volumes.size() > 1 && path.equals("/");
    }

    @Override
    public ContentEntry stat(String path) throws IOException {
        if (virtualRoot(path)) {
            return new ContentEntry("", "/", EntryType.DIRECTORY, 0, imageModified, null, etag("/", 0, imageModified));
        }
        Located located = locate(path);
        return toContent(located.volume().fileSystem().stat(located.path()), path);
    }

    @Override
    public List<ContentEntry> list(String path) throws IOException {
        if (virtualRoot(path)) {
            List<ContentEntry> roots = new ArrayList<>();
            for (Volume volume : volumes) {
                roots.add(new ContentEntry(volume.name(), "/" + volume.name(), EntryType.DIRECTORY, 0, imageModified, null,
                        etag("/" + volume.name(), 0, imageModified)));
            }
            return roots;
        }
        Located located = locate(path);
        List<ContentEntry> entries = new ArrayList<>();
        for (FileEntry entry : located.volume().fileSystem().list(located.path())) {
            entries.add(toContent(entry, (path.equals("/") ? "" : path) + "/" + entry.name()));
        }
        return entries;
    }

    @Override
    public ContentReader open(String path) throws IOException {
        if (virtualRoot(path)) {
            throw new ContentException(Reason.WRONG_TYPE, "/ is a folder");
        }
        Located located = locate(path);
        FileEntry stat = located.volume().fileSystem().stat(located.path());
        if (stat.type() != org.deskplane.disk.api.FileType.FILE) {
            throw new ContentException(Reason.WRONG_TYPE, path + " is not a file");
        }
        OpenFile file = located.volume().fileSystem().open(located.path());
        ContentEntry entry = toContent(file.entry(), path);
        return new ContentReader() {
            @Override
            public ContentEntry entry() {
                return entry;
            }

            @Override
            public int read(long position, byte[] buffer, int offset, int length) throws IOException {
                return file.read(position, buffer, offset, length);
            }

            @Override
            public void close() throws IOException {
                file.close();
            }
        };
    }

    @Override
    public boolean writable() {
        return false;
    }

    @Override
    public String note() {
        return note;
    }

    @Override
    public void close() throws IOException {
        try {
            for (Volume volume : volumes) {
                volume.fileSystem().close();
            }
        } finally {
            disk.close();
        }
    }

    private ContentEntry toContent(FileEntry entry, String path) {
        EntryType type = switch (entry.type()) {
            case FILE -> EntryType.FILE;
            case DIRECTORY -> EntryType.DIRECTORY;
            case SYMLINK -> EntryType.SYMLINK;
            case OTHER -> EntryType.OTHER;
        };
        String name = path.equals("/") ? "" : path.substring(path.lastIndexOf('/') + 1);
        long size = type == EntryType.DIRECTORY ? 0 : entry.size();
        return new ContentEntry(name, path, type, size, entry.modified(), entry.linkTarget(),
                etag(path, size, entry.modified()));
    }

    /** The image's own modification time is part of it: any write to the disk changes every validator. */
    private String etag(String path, long size, Instant modified) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update((image + "\n" + imageModified + "\n" + path + "\n" + size + "\n" + modified)
                    .getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest.digest(), 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
