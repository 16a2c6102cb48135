package org.deskplane.delivery.repository.internal;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/** Folder chores: recursive delete (never following links) and the permissions the hypervisor's user needs. */
final class Trees {

    static final Set<PosixFilePermission> DIRECTORY = PosixFilePermissions.fromString("rwxr-xr-x");
    static final Set<PosixFilePermission> READ_ONLY = PosixFilePermissions.fromString("r--r--r--");
    static final Set<PosixFilePermission> READ_ONLY_EXECUTABLE = PosixFilePermissions.fromString("r-xr-xr-x");
    static final Set<PosixFilePermission> READABLE = PosixFilePermissions.fromString("rw-r--r--");

    private Trees() {
    }

    /** Deletes {@code root} and everything below it; a missing root is fine. */
    static void deleteRecursively(Path root) throws IOException {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.deleteIfExists(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException exc) throws IOException {
                if (exc instanceof NoSuchFileException) {
                    return FileVisitResult.CONTINUE;
                }
                throw exc;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                if (exc != null && !(exc instanceof NoSuchFileException)) {
                    throw exc;
                }
                Files.deleteIfExists(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /** Best-effort delete for clean-up paths, where the original failure is what the caller must hear about. */
    static void deleteQuietly(Path root, Exception into) {
        try {
            deleteRecursively(root);
        } catch (IOException | RuntimeException e) {
            if (into != null) {
                into.addSuppressed(e);
            }
        }
    }

    /** Sets POSIX permissions where the file system has them (it always does on the Linux servers we run on). */
    static void permissions(Path path, Set<PosixFilePermission> permissions) throws IOException {
        try {
            Files.setPosixFilePermissions(path, permissions);
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: nothing to set
        }
    }

    /** Directories 0755 and files read-only (0444, or 0555 when {@code executable} says so) below {@code root}. */
    static void makeReadOnly(Path root, java.util.function.Predicate<Path> executable) throws IOException {
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                permissions(dir, DIRECTORY);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                permissions(file, executable.test(file) ? READ_ONLY_EXECUTABLE : READ_ONLY);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
