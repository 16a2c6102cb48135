package org.deskplane.delivery.agent.internal;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * A manifest's copy step: the payload file to an absolute guest path (a target ending in '/' is a folder the file
 * keeps its name in), parents created, the target replaced in one rename so a reader never sees half a file.
 */
final class FileCopy {

    private FileCopy() {
    }

    static Path copy(Path source, String target) throws IOException {
        if (!Files.isRegularFile(source, LinkOption.NOFOLLOW_LINKS)) {
            // a link on a disc could name any file of the guest: only the payload's own files are copied
            throw new IOException("copy source is missing or not a plain file: " + source.getFileName());
        }
        Path to = target.endsWith("/") ? Path.of(target).resolve(source.getFileName().toString()) : Path.of(target);
        if (!to.isAbsolute()) {
            throw new IOException("copy target must be absolute: " + target);
        }
        Path parent = to.getParent();
        Files.createDirectories(parent);
        Path temp = Files.createTempFile(parent, "." + to.getFileName(), ".part");
        try {
            Files.copy(source, temp, StandardCopyOption.REPLACE_EXISTING);
            // a temp file is private (0600) and a disc's files are read-only: give the copy the usual modes
            try {
                Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString(
                        Files.isExecutable(source) ? "rwxr-xr-x" : "rw-r--r--"));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system: keep what it gives
            }
            try {
                Files.move(temp, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, to, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
        return to;
    }
}
