package org.deskplane.layers.shims.linux.internal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;

/** Bounded reads and atomic, permission-keeping writes of the small system text files the shims edit. */
final class TextFiles {

    private TextFiles() {
    }

    /** Reads a regular file (never through a link) of at most {@code maxBytes}. */
    static String read(Path file, long maxBytes) throws IOException {
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            throw new IOException("not a regular file: " + file);
        }
        long size = Files.size(file);
        if (size > maxBytes) {
            throw new IOException(file + " is " + size + " bytes, more than the " + maxBytes + " a shim reads");
        }
        return Files.readString(file, StandardCharsets.UTF_8);
    }

    static boolean isRegularFile(Path file) {
        return Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS);
    }

    /** shadow files are root:shadow on Debian: the replacement keeps owner and group where the process may set them. */
    private static void keepOwnership(Path original, Path replacement) {
        if (!isRegularFile(original)) {
            return;
        }
        try {
            PosixFileAttributeView from = Files.getFileAttributeView(original, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
            PosixFileAttributeView to = Files.getFileAttributeView(replacement, PosixFileAttributeView.class);
            PosixFileAttributes attrs = from.readAttributes();
            to.setGroup(attrs.group());
            to.setOwner(attrs.owner());
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            // Not allowed to give the file away (not root): it keeps this process's owner, as any new file would.
        }
    }

    /**
     * Replaces a file atomically (temp file in the same directory, fsync, rename) keeping the permissions of the file
     * it replaces, or {@code fallback} for a new one.
     */
    static void writeAtomically(Path file, String content, Set<PosixFilePermission> fallback) throws IOException {
        Set<PosixFilePermission> perms = isRegularFile(file) ? Files.getPosixFilePermissions(file) : fallback;
        Files.createDirectories(file.getParent());
        Path tmp = Files.createTempFile(file.getParent(), "." + file.getFileName(), ".tmp");
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                ch.write(java.nio.ByteBuffer.wrap(content.getBytes(StandardCharsets.UTF_8)));
                ch.force(true);
            }
            Files.setPosixFilePermissions(tmp, perms);
            keepOwnership(file, tmp);
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
