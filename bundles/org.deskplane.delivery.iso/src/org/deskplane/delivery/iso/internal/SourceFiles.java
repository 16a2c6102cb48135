package org.deskplane.delivery.iso.internal;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reads source files and folders from the host into the entry tree. Symbolic links and special files are
 * refused rather than followed: a link could pull files from outside the folder into a payload.
 */
final class SourceFiles {

    private SourceFiles() {
    }

    static FileContent regularFile(Path source) throws IOException {
        BasicFileAttributes attributes = Files.readAttributes(source, BasicFileAttributes.class,
                LinkOption.NOFOLLOW_LINKS);
        if (attributes.isSymbolicLink()) {
            throw new IllegalArgumentException("symbolic links are not supported in images: " + source);
        }
        if (!attributes.isRegularFile()) {
            throw new IllegalArgumentException("not a regular file: " + source);
        }
        return new FileContent.SourceFile(source, attributes.size(), executable(source));
    }

    /** Adds the contents of {@code directory} below {@code target}, depth first, children in name order. */
    static void addTree(EntryTree tree, List<String> target, Path directory, String targetPath)
            throws IOException {
        BasicFileAttributes attributes = Files.readAttributes(directory, BasicFileAttributes.class,
                LinkOption.NOFOLLOW_LINKS);
        if (attributes.isSymbolicLink()) {
            throw new IllegalArgumentException("symbolic links are not supported in images: " + directory);
        }
        if (!attributes.isDirectory()) {
            throw new IllegalArgumentException("not a directory: " + directory);
        }
        tree.directory(target, targetPath);
        List<Path> children = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(directory)) {
            for (Path child : stream) {
                children.add(child);
            }
        }
        children.sort(null); // a stable order for the error a walk reports first
        for (Path child : children) {
            String name = child.getFileName().toString();
            List<String> childTarget = new ArrayList<>(target);
            childTarget.add(name);
            String childPath = targetPath.isEmpty() ? name : targetPath + "/" + name;
            if (childTarget.size() > IsoFormat.MAX_DEPTH) {
                throw new IllegalArgumentException("directory tree deeper than " + IsoFormat.MAX_DEPTH
                        + " levels at " + child);
            }
            BasicFileAttributes childAttributes = Files.readAttributes(child, BasicFileAttributes.class,
                    LinkOption.NOFOLLOW_LINKS);
            if (childAttributes.isSymbolicLink()) {
                throw new IllegalArgumentException("symbolic links are not supported in images: " + child);
            }
            ImagePath.segments(childPath, false); // name and length checks, with the whole path in the message
            if (childAttributes.isDirectory()) {
                addTree(tree, childTarget, child, childPath);
            } else if (childAttributes.isRegularFile()) {
                tree.addFile(childTarget, childPath,
                        new FileContent.SourceFile(child, childAttributes.size(), executable(child)));
            } else {
                throw new IllegalArgumentException("not a regular file or directory (device, pipe or socket): "
                        + child);
            }
        }
    }

    /** Any execute bit makes the file 0555 in the image, so that installer scripts stay runnable. */
    static boolean executable(Path file) throws IOException {
        PosixFileAttributeView posix = Files.getFileAttributeView(file, PosixFileAttributeView.class,
                LinkOption.NOFOLLOW_LINKS);
        if (posix == null) {
            return Files.isExecutable(file);
        }
        Set<PosixFilePermission> permissions = posix.readAttributes().permissions();
        return permissions.contains(PosixFilePermission.OWNER_EXECUTE)
                || permissions.contains(PosixFilePermission.GROUP_EXECUTE)
                || permissions.contains(PosixFilePermission.OTHERS_EXECUTE);
    }
}
