package org.deskplane.disk.image.tests;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Which files this process holds open (Linux /proc/self/fd), to check that closing a device closes its chain. */
final class OpenFiles {

    private OpenFiles() {
    }

    static List<Path> under(Path dir) throws IOException {
        List<Path> open = new ArrayList<>();
        Path real = dir.toRealPath();
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            for (Path fd : fds.toList()) {
                try {
                    Path target = Files.readSymbolicLink(fd);
                    if (target.startsWith(real)) {
                        open.add(target);
                    }
                } catch (IOException e) {
                    // the descriptor closed while we listed (or was the listing's own): not ours
                }
            }
        }
        return open;
    }
}
