package org.deskplane.disk.api;

/** What a directory entry is. */
public enum FileType {
    FILE, DIRECTORY, SYMLINK,
    /** Device nodes, sockets, FIFOs, NTFS reparse points other than symbolic links. */
    OTHER
}
