package org.deskplane.modules.runtime.internal;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Decides whether a path lies under one of a module's roots. Symbolic links are resolved (for the part of the
 * path that exists), so a link inside the data area pointing at /etc does not get a module out.
 */
final class PathRoots {

    private PathRoots() {
    }

    static boolean isUnder(Path path, List<Path> roots) {
        if (path.getFileSystem() != FileSystems.getDefault()) {
            // entries inside a zip/jar file system: the archive itself was checked when it was opened
            return true;
        }
        Path real = realPath(path);
        for (Path root : roots) {
            if (real.startsWith(realPath(root))) {
                return true;
            }
        }
        return false;
    }

    /** The real path of the longest existing ancestor, with the rest appended (normalized). */
    static Path realPath(Path path) {
        Path absolute = path.toAbsolutePath().normalize();
        Path existing = absolute;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return absolute;
        }
        try {
            return existing.toRealPath().resolve(existing.relativize(absolute)).normalize();
        } catch (IOException e) {
            return absolute;
        }
    }
}
