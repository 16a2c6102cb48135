package org.deskplane.layers.pivot;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.deskplane.layers.api.FileEntry;
import org.deskplane.layers.pivot.internal.DurableFiles;
import org.deskplane.layers.pivot.internal.PathLines;

/**
 * The protected area ({@code <state>/staging}, mode 0700) into which the sync client writes the next version of the
 * system layers: new and changed files (and links, and empty directories) at {@link #stagedFile}, removed paths via
 * {@link #stageDeletion}. {@link #seal} marks it complete; only a sealed staging area is pivoted.
 */
public final class StagingArea {

    private final Path dir;
    private final Path files;

    private StagingArea(Path dir) {
        this.dir = dir;
        this.files = dir.resolve("files");
    }

    /** Opens (creating if needed) the staging area of an endpoint state directory. */
    public static StagingArea open(Path stateDir) throws IOException {
        StagingArea area = new StagingArea(stateDir.resolve("staging"));
        DurableFiles.privateDirectory(area.dir);
        Files.createDirectories(area.files);
        return area;
    }

    public Path directory() {
        return dir;
    }

    /** The staged tree (mirrors the endpoint's root). */
    public Path filesRoot() {
        return files;
    }

    /**
     * Where the client writes the new content of {@code relPath} (a file, or a link created there; parent
     * directories are created).
     */
    public Path stagedFile(String relPath) throws IOException {
        ensureOpen();
        Path p = resolve(relPath);
        Files.createDirectories(p.getParent());
        return p;
    }

    /** Stages an empty directory the new tree has. */
    public Path stagedDirectory(String relPath) throws IOException {
        ensureOpen();
        return Files.createDirectories(resolve(relPath));
    }

    /**
     * Records that the new version no longer has {@code relPath} (a file, link or whole directory). Appended without
     * a sync (staging thousands of deletions stays cheap); {@link #seal} makes the list durable.
     */
    public void stageDeletion(String relPath) throws IOException {
        ensureOpen();
        resolve(relPath);
        Files.writeString(dir.resolve("deletions"), PathLines.encode(List.of(relPath)), StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    /** Paths to delete, sorted, each once. */
    public List<String> deletions() throws IOException {
        Path f = dir.resolve("deletions");
        return Files.exists(f) ? new ArrayList<>(new TreeSet<>(PathLines.decode(Files.readString(f, StandardCharsets.UTF_8))))
                : List.of();
    }

    /**
     * Marks the staged content complete as {@code version}: everything staged is made durable first, then the seal
     * is written. After this, nothing more can be staged until the pivot or {@link #discard}.
     */
    public void seal(String version) throws IOException {
        ensureOpen();
        if (version == null || version.isBlank() || version.length() > 200) {
            throw new IllegalArgumentException("staged version must be a short non-blank text");
        }
        try (Stream<Path> walk = Files.walk(files)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                    DurableFiles.syncDirectory(p);
                } else {
                    DurableFiles.syncFile(p);
                }
            }
        }
        DurableFiles.syncFile(dir.resolve("deletions"));
        DurableFiles.writeAtomically(dir.resolve("sealed"), version.getBytes(StandardCharsets.UTF_8));
    }

    /** The version sealed, or empty while staging is still going on (or nothing is staged). */
    public Optional<String> sealedVersion() throws IOException {
        Path f = dir.resolve("sealed");
        return Files.exists(f) ? Optional.of(Files.readString(f, StandardCharsets.UTF_8)) : Optional.empty();
    }

    /** Throws away everything staged (e.g. a newer version supersedes it). */
    public void discard() throws IOException {
        Files.deleteIfExists(dir.resolve("sealed"));
        DurableFiles.syncDirectory(dir);
        DurableFiles.deleteTree(files);
        Files.deleteIfExists(dir.resolve("deletions"));
        Files.createDirectories(files);
    }

    private void ensureOpen() throws IOException {
        if (sealedVersion().isPresent()) {
            throw new IllegalStateException("the staging area is sealed; pivot or discard it first");
        }
    }

    private Path resolve(String relPath) {
        if (relPath == null || !FileEntry.validPath(relPath)) {
            throw new IllegalArgumentException("not a relative path inside the tree: '" + relPath + "'");
        }
        Path p = files.resolve(relPath).normalize();
        if (!p.startsWith(files) || p.equals(files)) {
            throw new IllegalArgumentException("path leaves the staging area: '" + relPath + "'");
        }
        return p;
    }
}
