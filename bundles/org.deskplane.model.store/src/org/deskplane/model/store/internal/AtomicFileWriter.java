package org.deskplane.model.store.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Replaces a file so that, even after a crash or power loss, it holds either the old or the new bytes: write a
 * temporary file in the same directory, force it to disk, rename it over the target with an atomic move, then
 * force the directory so the rename itself is durable.
 */
final class AtomicFileWriter {

    /** Temporary files are hidden and end in this, so leftovers of a killed writer can be recognised. */
    static final String TEMP_SUFFIX = ".tmp";

    private AtomicFileWriter() {
    }

    static void write(Path target, byte[] bytes) throws IOException {
        Path directory = target.toAbsolutePath().getParent();
        Path temp = Files.createTempFile(directory, "." + target.getFileName() + ".", TEMP_SUFFIX);
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(bytes);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temp); // only still there when something above failed
        }
        forceDirectory(directory);
    }

    /** Makes renames in {@code directory} durable (needed on Linux; a no-op where directories cannot be opened). */
    static void forceDirectory(Path directory) throws IOException {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (UnsupportedOperationException | java.nio.file.AccessDeniedException e) {
            // Windows cannot open a directory as a channel; its rename is already durable enough there.
        }
    }

    /** Deletes temporary files a killed writer left behind for files named {@code <something>} in {@code directory}. */
    static int deleteLeftovers(Path directory) throws IOException {
        int deleted = 0;
        try (DirectoryStream<Path> leftovers = Files.newDirectoryStream(directory, "." + "*" + TEMP_SUFFIX)) {
            for (Path leftover : leftovers) {
                if (Files.deleteIfExists(leftover)) {
                    deleted++;
                }
            }
        }
        return deleted;
    }
}
