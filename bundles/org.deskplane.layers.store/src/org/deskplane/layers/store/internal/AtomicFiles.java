package org.deskplane.layers.store.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.UUID;

/**
 * Files that readers see old or new, never in part: written to a temp file in the store's temp folder (same file
 * system), forced to disk, renamed into place atomically. Temp files left by a crash are deleted at the next start.
 */
final class AtomicFiles {

    private final Path tempDirectory;

    AtomicFiles(Path tempDirectory) {
        this.tempDirectory = tempDirectory;
    }

    Path newTemp() {
        return tempDirectory.resolve(UUID.randomUUID() + ".tmp");
    }

    void write(Path target, byte[] content) throws IOException {
        write(target, content, 0, content.length);
    }

    void write(Path target, byte[] content, int offset, int length) throws IOException {
        write(target, content, offset, length, true);
    }

    /**
     * Without {@code force} the file is still whole or absent after a crash of the process (the rename comes after the
     * last write), but not after a power loss: for files whose durability is established later (incoming chunks).
     */
    void write(Path target, byte[] content, int offset, int length, boolean force) throws IOException {
        Path temp = newTemp();
        boolean moved = false;
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(content, offset, length);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                if (force) {
                    channel.force(true);
                }
            }
            moveIntoPlace(temp, target);
            moved = true;
        } finally {
            if (!moved) {
                Files.deleteIfExists(temp);
            }
        }
    }

    /** Renames a complete, forced temp file to its place (replacing what was there). */
    void moveIntoPlace(Path temp, Path target) throws IOException {
        if (!Files.isDirectory(target.getParent())) {
            Files.createDirectories(target.getParent());
        }
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** Forces a file (or a folder: the names in it) to disk. */
    static void force(Path path) throws IOException {
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }

    /** Deletes what a crash left in the temp folder. */
    void clean() throws IOException {
        Files.createDirectories(tempDirectory);
        try (var temps = Files.list(tempDirectory)) {
            for (Path temp : (Iterable<Path>) temps::iterator) {
                Files.deleteIfExists(temp);
            }
        }
    }
}
