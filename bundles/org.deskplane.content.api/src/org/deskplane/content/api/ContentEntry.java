package org.deskplane.content.api;

import java.time.Instant;

/**
 * A file or directory as the Profile API shows it.
 *
 * @param name       the last path segment ("" for the root)
 * @param path       absolute within the data source, '/'-separated
 * @param type       what it is
 * @param size       length in bytes (0 for directories)
 * @param modified   last modification, or null when the source does not know
 * @param linkTarget a symlink's target, else null
 * @param etag       a strong validator of the content: changes whenever the bytes may have changed
 */
public record ContentEntry(String name, String path, EntryType type, long size, Instant modified, String linkTarget,
        String etag) {

    public boolean directory() {
        return type == EntryType.DIRECTORY;
    }
}
