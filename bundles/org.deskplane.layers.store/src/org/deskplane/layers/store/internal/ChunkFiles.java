package org.deskplane.layers.store.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.function.Consumer;

/**
 * Chunks on disk, content-addressed: {@code chunks/ab/abcdef…} (the first two hex digits fan the files out). A chunk
 * file is complete or absent (written through {@link AtomicFiles}); its modification time is when it was last put
 * or confirmed present to an uploader, which garbage collection reads as "an upload may still name this".
 */
final class ChunkFiles {

    /** A chunk file as the collector and the verifier see it. */
    record Stored(String id, Path file, long storedBytes, Instant touched) {
    }

    private final Path root;
    private final AtomicFiles atomic;

    ChunkFiles(Path root, AtomicFiles atomic) throws IOException {
        this.root = root;
        this.atomic = atomic;
        Files.createDirectories(root);
    }

    Path file(String id) {
        return root.resolve(id.substring(0, 2)).resolve(id);
    }

    boolean exists(String id) {
        return Files.isRegularFile(file(id));
    }

    /** Marks a present chunk as wanted by an upload now; false when it is not there. */
    boolean touch(String id, Instant now) {
        try {
            Files.setLastModifiedTime(file(id), FileTime.from(now));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Size on disk (0 when absent). */
    long storedSize(String id) {
        try {
            return Files.size(file(id));
        } catch (IOException e) {
            return 0;
        }
    }

    void write(String id, byte[] stored) throws IOException {
        atomic.write(file(id), stored);
    }

    /** Whole or absent after a process crash, but not durable: see {@link IncomingChunks}. */
    void writeUnforced(String id, byte[] stored) throws IOException {
        atomic.write(file(id), stored, 0, stored.length, false);
    }

    /** Forces the chunk's content to disk. */
    void force(String id) throws IOException {
        AtomicFiles.force(file(id));
    }

    /** Forces the folder holding the chunk (its name) to disk. */
    void forceFolder(String id) throws IOException {
        AtomicFiles.force(file(id).getParent());
    }

    /** Moves the chunk file to {@code to} (same file system: atomic); the caller makes sure {@code to} lacks it. */
    void moveTo(String id, ChunkFiles to) throws IOException {
        atomic.moveIntoPlace(file(id), to.file(id));
    }

    Path root() {
        return root;
    }

    byte[] readStored(String id, int maxStoredBytes) throws IOException {
        Path file = file(id);
        long size;
        try {
            size = Files.size(file);
        } catch (NoSuchFileException e) {
            throw new NoSuchFileException("no chunk " + id);
        }
        if (size > maxStoredBytes) {
            throw new IOException("chunk " + id + " takes " + size + " bytes on disk, more than a chunk may");
        }
        return Files.readAllBytes(file);
    }

    boolean delete(String id) throws IOException {
        return Files.deleteIfExists(file(id));
    }

    /** Every chunk file, in no particular order (files whose name is not an id are skipped). */
    void forEach(Consumer<Stored> action) throws IOException {
        try (var fans = Files.list(root)) {
            for (Path fan : (Iterable<Path>) fans::iterator) {
                if (!Files.isDirectory(fan)) {
                    continue;
                }
                try (var files = Files.list(fan)) {
                    for (Path file : (Iterable<Path>) files::iterator) {
                        String id = file.getFileName().toString();
                        if (!Hashes.validId(id)) {
                            continue;
                        }
                        try {
                            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
                            action.accept(new Stored(id, file, attributes.size(), attributes.lastModifiedTime().toInstant()));
                        } catch (NoSuchFileException gone) {
                            // deleted meanwhile by a collection: nothing to report
                        }
                    }
                }
            }
        }
    }
}
