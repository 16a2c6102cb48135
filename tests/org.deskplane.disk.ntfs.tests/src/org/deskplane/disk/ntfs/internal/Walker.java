package org.deskplane.disk.ntfs.internal;

import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import org.deskplane.disk.api.FileEntry;
import org.deskplane.disk.api.FileSystem;
import org.deskplane.disk.api.OpenFile;

/** Walks a file system through the API, bounded (a corrupt image may show a directory inside itself). */
final class Walker {

    private final FileSystem fs;
    private final int maxEntries;
    private final int maxDepth;
    final Map<String, FileEntry> entries = new TreeMap<>();

    Walker(FileSystem fs, int maxEntries, int maxDepth) {
        this.fs = fs;
        this.maxEntries = maxEntries;
        this.maxDepth = maxDepth;
    }

    Walker walk(String dir, int depth) throws IOException {
        if (depth > maxDepth) {
            return this;
        }
        for (FileEntry e : fs.list(dir)) {
            if (entries.size() >= maxEntries) {
                return this;
            }
            entries.put(e.path(), e);
            if (e.isDirectory()) {
                walk(e.path(), depth + 1);
            }
        }
        return this;
    }

    /** SHA-256 of a file read in chunks of random sizes (exercising unaligned reads). */
    static String sha256(FileSystem fs, String path, Random random, long maxBytes) throws IOException {
        try (OpenFile f = fs.open(path)) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 17];
            long pos = 0;
            while (pos < maxBytes) {
                int n = f.read(pos, buf, 0, 1 + random.nextInt(buf.length));
                if (n < 0) {
                    break;
                }
                md.update(buf, 0, n);
                pos += n;
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
