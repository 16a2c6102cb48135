package org.deskplane.disk.api;

import java.time.Instant;
import java.util.Set;

/**
 * One file system entry, as stat reports it (links not followed).
 *
 * @param name       the entry's name ("" for the root)
 * @param path       its absolute path
 * @param type       what it is
 * @param size       its length in bytes (a symlink: the target's length in bytes; a directory: as the file
 *                   system reports it, or 0)
 * @param modified   last modification time, or null when the file system has none
 * @param accessed   last access time, or null
 * @param created    creation time, or null (ext4 crtime, FAT/NTFS creation)
 * @param linkTarget a symlink's target as stored, else null
 * @param flags      how it is stored or marked
 */
public record FileEntry(String name, String path, FileType type, long size, Instant modified, Instant accessed,
        Instant created, String linkTarget, Set<FileFlag> flags) {

    public FileEntry {
        flags = Set.copyOf(flags);
    }

    public boolean isDirectory() {
        return type == FileType.DIRECTORY;
    }

    public boolean isFile() {
        return type == FileType.FILE;
    }
}
