package org.deskplane.bundles.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import org.deskplane.bundles.api.BundleOperationException;
import org.deskplane.bundles.api.BundleOperationException.Kind;

/**
 * Copies incoming jars into the bundles folder under a temporary name (bounded in size), and moves them to
 * their final name once they have been accepted — so a refused jar never shows up under a real name.
 */
final class JarStaging {
    private final Path directory;
    private final long maxBytes;

    JarStaging(Path directory, long maxBytes) {
        this.directory = directory;
        this.maxBytes = maxBytes;
    }

    Path directory() {
        return directory;
    }

    long maxBytes() {
        return maxBytes;
    }

    Path stage(InputStream in) {
        if (in == null) {
            throw new BundleOperationException(Kind.INVALID, "no jar given");
        }
        Path temp = null;
        try {
            Files.createDirectories(directory);
            temp = Files.createTempFile(directory, ".incoming-", ".jar");
            try (OutputStream out = Files.newOutputStream(temp)) {
                copyBounded(in, out, maxBytes);
            }
            if (Files.size(temp) == 0) {
                throw new BundleOperationException(Kind.INVALID, "the jar is empty");
            }
            return temp;
        } catch (IOException e) {
            discard(temp);
            throw new BundleOperationException(Kind.FAILED, "could not store the jar: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            discard(temp);
            throw e;
        }
    }

    static long copyBounded(InputStream in, OutputStream out, long maxBytes) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        long total = 0;
        int n;
        while ((n = in.read(buffer)) != -1) {
            total += n;
            if (total > maxBytes) {
                throw new BundleOperationException(Kind.INVALID, "the jar is larger than " + maxBytes + " bytes");
            }
            out.write(buffer, 0, n);
        }
        return total;
    }

    /** Moves an accepted jar to its final place in the bundles folder (atomically, replacing an old copy). */
    Path promote(Path staged, String fileName) {
        Path target = directory.resolve(fileName);
        try {
            try {
                Files.move(staged, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(staged, target, StandardCopyOption.REPLACE_EXISTING);
            }
            return target;
        } catch (IOException e) {
            throw new BundleOperationException(Kind.FAILED, "could not store " + fileName + ": " + e.getMessage(), e);
        }
    }

    /** True when the path is one of the jars this manager keeps (so it may delete it). */
    boolean owns(Path file) {
        return file != null && file.toAbsolutePath().normalize().getParent() != null
                && file.toAbsolutePath().normalize().getParent().equals(directory);
    }

    static void discard(Path file) {
        if (file == null) {
            return;
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // a left-over temp file is harmless; the next install does not depend on it
        }
    }
}
