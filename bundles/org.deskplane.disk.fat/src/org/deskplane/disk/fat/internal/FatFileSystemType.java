package org.deskplane.disk.fat.internal;

import java.io.IOException;

import org.deskplane.disk.api.BlockDevice;
import org.deskplane.disk.api.DiskFormatException;
import org.deskplane.disk.api.FileSystem;
import org.deskplane.disk.api.FileSystemType;
import org.osgi.service.component.annotations.Component;

/** The "fat" file system type: FAT12, FAT16 and FAT32, read-only, times taken as UTC. */
@Component(service = FileSystemType.class, property = "deskplane.disk.filesystem=fat")
public final class FatFileSystemType implements FileSystemType {

    @Override
    public String name() {
        return "fat";
    }

    @Override
    public boolean probe(BlockDevice volume) throws IOException {
        try {
            BootSector.read(volume);
            return true;
        } catch (DiskFormatException | RuntimeException e) {
            return false;
        }
    }

    @Override
    public FileSystem open(BlockDevice volume) throws IOException {
        BootSector boot;
        try {
            boot = BootSector.read(volume);
        } catch (RuntimeException e) {
            throw new DiskFormatException("corrupt FAT boot sector on " + volume.describe() + ": " + e, e);
        }
        return new FatFileSystem(volume, boot);
    }
}
