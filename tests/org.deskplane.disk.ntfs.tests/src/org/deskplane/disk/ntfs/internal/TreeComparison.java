package org.deskplane.disk.ntfs.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.util.Map;
import java.util.Random;

import org.deskplane.disk.api.FileEntry;
import org.deskplane.disk.api.FileSystem;
import org.deskplane.disk.api.FileType;

/** Asserts a file system shows exactly a source tree: names, types, sizes, mtimes, SHA-256, link targets. */
final class TreeComparison {

    private TreeComparison() {
    }

    static void assertMatches(FileSystem fs, Map<String, Expected> expected, String ignoredDir, long seed)
            throws IOException {
        Map<String, FileEntry> actual = new Walker(fs, 100_000, 100).walk("/", 0).entries;
        if (ignoredDir != null) {
            actual.keySet().removeIf(p -> p.equals(ignoredDir) || p.startsWith(ignoredDir + "/"));
        }
        assertEquals(expected.keySet(), actual.keySet());
        Random random = new Random(seed);
        for (var e : expected.entrySet()) {
            FileEntry a = actual.get(e.getKey());
            Expected x = e.getValue();
            String p = e.getKey();
            assertEquals(x.type(), a.type(), p);
            assertEquals(x.modified(), a.modified(), p);
            assertEquals(p.substring(p.lastIndexOf('/') + 1), a.name(), p);
            if (x.type() == FileType.FILE) {
                assertEquals(x.size(), a.size(), p);
                assertEquals(x.sha256(), Walker.sha256(fs, p, random, Long.MAX_VALUE), p);
            } else if (x.type() == FileType.SYMLINK) {
                assertEquals(x.linkTarget(), a.linkTarget(), p);
                assertEquals(x.size(), a.size(), p);
            }
            assertEquals(a, fs.stat(p), p);
        }
    }
}
