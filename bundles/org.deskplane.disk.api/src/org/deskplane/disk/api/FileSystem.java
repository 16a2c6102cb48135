package org.deskplane.disk.api;

import java.io.IOException;
import java.util.List;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A read-only file system on a volume. Paths are absolute, '/'-separated, without "." or ".." (callers
 * normalise), "/" being the root; names are Unicode. Lookup is case-insensitive where the file system is
 * (FAT, NTFS) and exact otherwise. Symbolic links are never followed: {@link #stat} and {@link #list} report
 * a link as {@link FileType#SYMLINK} with its target, and a link used as a directory in the middle of a path
 * is a {@link java.nio.file.NotDirectoryException} — resolving links (and keeping them inside what a user may
 * see) is the caller's job. Safe for concurrent use.
 *
 * @throws java.nio.file.NoSuchFileException for a path that does not exist
 * @throws java.nio.file.NotDirectoryException when a path component is not a directory
 */
@ConsumerType
public interface FileSystem extends AutoCloseable {

    /** The type's name, as {@link FileSystemType#name()} (the ext reader may say "ext2", "ext3" or "ext4"). */
    String type();

    /** The volume label, or "" when it has none. */
    String label();

    /** The entry at {@code path}. */
    FileEntry stat(String path) throws IOException;

    /**
     * The entries of the directory at {@code path}, without "." and "..", in the file system's own order.
     *
     * @throws java.nio.file.NotDirectoryException when it is not a directory
     * @throws DiskFormatException when the directory is corrupt or has more entries than the reader's limit
     */
    List<FileEntry> list(String path) throws IOException;

    /**
     * Opens the regular file at {@code path} for reading.
     *
     * @throws java.nio.file.NoSuchFileException when it does not exist
     * @throws java.io.IOException when it is not a regular file, or is stored in a way the reader cannot
     *         decode (e.g. NTFS compression, encryption): the message says which
     */
    OpenFile open(String path) throws IOException;

    @Override
    void close() throws IOException;
}
