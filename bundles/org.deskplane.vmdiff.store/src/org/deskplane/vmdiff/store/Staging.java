package org.deskplane.vmdiff.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A generation being assembled in a hidden folder of its copy. Only {@link DifferenceCopy#publish} makes it
 * visible; {@link #close()} without publishing deletes it, and a copy that opens after a crash deletes leftovers.
 */
public final class Staging implements AutoCloseable {
    private final Path folder;
    private final String vm;
    private final long number;
    private boolean published;

    Staging(Path folder, String vm, long number) {
        this.folder = folder;
        this.vm = vm;
        this.number = number;
    }

    public String vm() {
        return vm;
    }

    public long number() {
        return number;
    }

    public Path folder() {
        return folder;
    }

    public Path disk() {
        return folder.resolve(DifferenceCopy.DISK);
    }

    public Path memory() {
        return folder.resolve(DifferenceCopy.MEMORY);
    }

    void published() {
        published = true;
    }

    @Override
    public void close() throws IOException {
        if (!published) {
            deleteTree(folder);
        }
    }

    static void deleteTree(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(folder)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
