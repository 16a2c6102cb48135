package org.deskplane.disk.api;

import java.io.IOException;

import org.osgi.annotation.versioning.ConsumerType;

/** One file system type (an OSGi service per type: ext, fat, ntfs, iso9660…). */
@ConsumerType
public interface FileSystemType {

    /** "ext4" (also for ext2/3), "fat", "ntfs", "iso9660". */
    String name();

    /** Whether {@code volume} holds this file system (its superblock/boot sector checks out). Cheap. */
    boolean probe(BlockDevice volume) throws IOException;

    /** Opens the file system read-only; the caller keeps {@code volume} open while it is used. */
    FileSystem open(BlockDevice volume) throws IOException;
}
