package org.deskplane.modules.internal.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/** Replace-by-rename writes, so that a crash leaves the old file or the new one, never half of one. */
public final class AtomicFiles {

    private AtomicFiles() {
    }

    public static void write(Path target, byte[] content) throws IOException {
        Path temp = target.resolveSibling("." + target.getFileName() + ".tmp");
        Files.write(temp, content);
        force(temp);
        move(temp, target);
    }

    /** Moves a complete, flushed file into place (same file system). */
    public static void move(Path source, Path target) throws IOException {
        Files.move(source, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    public static void force(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.force(true);
        }
    }
}
