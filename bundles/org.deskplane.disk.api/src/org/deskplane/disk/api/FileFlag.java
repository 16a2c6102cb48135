package org.deskplane.disk.api;

/** Facts about how a file is stored or marked, where the file system records them. */
public enum FileFlag {
    /** Has holes (unallocated ranges that read as zeros). */
    SPARSE,
    /** Stored compressed by the file system (NTFS); {@link OpenFile} may refuse to decode it. */
    COMPRESSED,
    /** Stored encrypted by the file system; not readable here. */
    ENCRYPTED,
    HIDDEN,
    SYSTEM,
    READ_ONLY,
    /** Its data lives inside its metadata (ext4 inline data, NTFS resident $DATA). */
    INLINE
}
