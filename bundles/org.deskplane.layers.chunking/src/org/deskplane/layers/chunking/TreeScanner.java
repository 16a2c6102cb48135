package org.deskplane.layers.chunking;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.deskplane.layers.api.EntryType;
import org.deskplane.layers.api.FileEntry;
import org.deskplane.layers.api.Layer;
import org.deskplane.layers.api.LayerManifest;

/**
 * Scans an endpoint's tree into one manifest per layer. A file whose size and modification time match its entry in
 * the previous scan keeps that entry's hash and chunks without being read again. Symbolic links are recorded, never
 * followed; sockets, pipes and devices are skipped.
 */
public final class TreeScanner {

    /** What a scan found, and how much it had to read. */
    public record Result(Map<Layer, LayerManifest> manifests, long filesRead, long bytesRead) {
    }

    private final Chunker chunker;
    private final LayerClassifier classifier;
    private final int maxEntries;

    public TreeScanner(Chunker chunker, LayerClassifier classifier, int maxEntries) {
        this.chunker = chunker;
        this.classifier = classifier;
        this.maxEntries = maxEntries;
    }

    /**
     * @param root the tree
     * @param layers the layers wanted (others are not scanned)
     * @param previous entries of the previous scan by path (may be empty)
     */
    public Result scan(Path root, Set<Layer> layers, Map<String, FileEntry> previous) throws IOException {
        Map<Layer, List<FileEntry>> found = new EnumMap<>(Layer.class);
        layers.forEach(l -> found.put(l, new ArrayList<>()));
        long[] read = { 0, 0 };
        int[] count = { 0 };
        Files.walkFileTree(root, Set.of(), Integer.MAX_VALUE, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                if (dir.equals(root)) {
                    return FileVisitResult.CONTINUE;
                }
                String rel = relative(root, dir);
                if (classifier.excluded(rel)) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                record(rel, dir, attrs, EntryType.DIRECTORY);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                if (attrs.isRegularFile()) {
                    record(relative(root, file), file, attrs, EntryType.FILE);
                } else if (attrs.isSymbolicLink()) {
                    record(relative(root, file), file, attrs, EntryType.SYMLINK);
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                if (Files.notExists(file, LinkOption.NOFOLLOW_LINKS)) {
                    return FileVisitResult.CONTINUE; // deleted while we walked: the next scan sees the new state
                }
                throw e;
            }

            private void record(String rel, Path path, BasicFileAttributes attrs, EntryType type) throws IOException {
                Optional<Layer> layer = classifier.layerOf(rel);
                if (layer.isEmpty() || !found.containsKey(layer.get())) {
                    return;
                }
                if (++count[0] > maxEntries) {
                    throw new IOException("more than " + maxEntries + " entries under " + root + ": refusing to scan further");
                }
                FileEntry entry = entry(rel, path, attrs, type, previous.get(rel), read);
                if (entry != null) {
                    found.get(layer.get()).add(entry);
                }
            }
        });
        Map<Layer, LayerManifest> manifests = new EnumMap<>(Layer.class);
        found.forEach((layer, entries) -> manifests.put(layer, new LayerManifest(layer, entries)));
        return new Result(manifests, read[0], read[1]);
    }

    private FileEntry entry(String rel, Path path, BasicFileAttributes attrs, EntryType type, FileEntry before, long[] read)
            throws IOException {
        PosixFileAttributes posix = posix(path);
        int mode = posix == null ? (type == EntryType.DIRECTORY ? 0755 : 0644) : mode(posix.permissions());
        String owner = posix == null ? "" : posix.owner().getName() + ":" + posix.group().getName();
        long mtime = attrs.lastModifiedTime().toMillis();
        switch (type) {
        case DIRECTORY:
            return new FileEntry(rel, type, mode, owner, mtime, 0, "", List.of(), "");
        case SYMLINK:
            String target = Files.readSymbolicLink(path).toString();
            return new FileEntry(rel, type, 0777, owner, mtime, 0, "", List.of(), target);
        default:
            if (before != null && before.type() == EntryType.FILE && before.size() == attrs.size()
                    && before.modifiedMillis() == mtime) {
                return new FileEntry(rel, type, mode, owner, mtime, before.size(), before.contentHash(), before.chunks(), "");
            }
            FileChunks chunks;
            try {
                chunks = FileChunks.of(path, chunker, FileChunks.discard());
            } catch (java.nio.file.NoSuchFileException gone) {
                return null; // deleted while we walked
            }
            read[0]++;
            read[1] += chunks.size();
            return new FileEntry(rel, type, mode, owner, mtime, chunks.size(), chunks.contentHash(), chunks.chunkIds(), "");
        }
    }

    private static PosixFileAttributes posix(Path path) {
        try {
            return Files.readAttributes(path, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (UnsupportedOperationException | IOException e) {
            return null;
        }
    }

    public static int mode(Set<PosixFilePermission> permissions) {
        int mode = 0;
        for (PosixFilePermission p : permissions) {
            mode |= 1 << (8 - p.ordinal()); // OWNER_READ is ordinal 0 = bit 8 (0400)
        }
        return mode;
    }

    public static Set<PosixFilePermission> permissions(int mode) {
        Set<PosixFilePermission> set = java.util.EnumSet.noneOf(PosixFilePermission.class);
        for (PosixFilePermission p : PosixFilePermission.values()) {
            if ((mode & (1 << (8 - p.ordinal()))) != 0) {
                set.add(p);
            }
        }
        return set;
    }

    static String relative(Path root, Path path) {
        String rel = root.relativize(path).toString();
        return path.getFileSystem().getSeparator().equals("/") ? rel : rel.replace(path.getFileSystem().getSeparator(), "/");
    }
}
