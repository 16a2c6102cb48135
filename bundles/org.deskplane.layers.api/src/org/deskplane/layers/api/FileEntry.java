package org.deskplane.layers.api;

import java.util.List;
import java.util.Objects;

/**
 * One entry of a layer manifest.
 *
 * @param path relative path inside the layer's root, '/'-separated, never starting with '/' or containing ".."
 * @param type file, directory or symbolic link
 * @param mode POSIX permission bits (e.g. 0644)
 * @param owner owner as "user:group" names, or "" where the endpoint has none
 * @param modifiedMillis last modification time, milliseconds since the epoch
 * @param size file size in bytes (0 for directories and links)
 * @param contentHash SHA-256 of the whole content, lower-case hex ("" for directories; the target's hash for links)
 * @param chunks chunk ids (SHA-256 hex) whose concatenation is the content, in order (empty for non-files)
 * @param linkTarget the target of a symbolic link, "" otherwise
 */
public record FileEntry(String path, EntryType type, int mode, String owner, long modifiedMillis, long size,
        String contentHash, List<String> chunks, String linkTarget) {

    public FileEntry {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(type, "type");
        owner = owner == null ? "" : owner;
        contentHash = contentHash == null ? "" : contentHash;
        chunks = chunks == null ? List.of() : List.copyOf(chunks);
        linkTarget = linkTarget == null ? "" : linkTarget;
        if (!validPath(path)) {
            throw new IllegalArgumentException("not a relative path inside the layer: '" + path + "'");
        }
        if (size < 0) {
            throw new IllegalArgumentException("negative size for " + path);
        }
    }

    /** Same content and metadata that a merge compares (the signature of the seed's table). */
    public boolean sameContent(FileEntry other) {
        return other != null && type == other.type && contentHash.equals(other.contentHash)
                && linkTarget.equals(other.linkTarget);
    }

    public static boolean validPath(String path) {
        if (path.isEmpty() || path.startsWith("/") || path.endsWith("/") || path.length() > 4096 || path.indexOf('\0') >= 0
                || path.indexOf('\\') >= 0) {
            return false;
        }
        for (String part : path.split("/", -1)) {
            if (part.isEmpty() || part.equals(".") || part.equals("..")) {
                return false;
            }
        }
        return true;
    }
}
