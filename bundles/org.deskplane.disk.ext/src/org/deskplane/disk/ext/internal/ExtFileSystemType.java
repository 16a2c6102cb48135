package org.deskplane.disk.ext.internal;

import java.io.IOException;

import org.deskplane.disk.api.BlockDevice;
import org.deskplane.disk.api.FileSystem;
import org.deskplane.disk.api.FileSystemType;
import org.osgi.service.component.annotations.Component;

/** The "ext4" file system type: reads ext2, ext3 and ext4 volumes (the opened file system says which). */
@Component(service = FileSystemType.class)
public final class ExtFileSystemType implements FileSystemType {

    @Override
    public String name() {
        return "ext4";
    }

    @Override
    public boolean probe(BlockDevice volume) throws IOException {
        return Superblock.looksLikeExt(volume);
    }

    @Override
    public FileSystem open(BlockDevice volume) throws IOException {
        return new ExtFileSystem(volume);
    }
}
