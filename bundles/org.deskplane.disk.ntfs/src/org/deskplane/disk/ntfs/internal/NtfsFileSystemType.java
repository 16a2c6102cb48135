package org.deskplane.disk.ntfs.internal;

import java.io.IOException;

import org.deskplane.disk.api.BlockDevice;
import org.deskplane.disk.api.FileSystem;
import org.deskplane.disk.api.FileSystemType;
import org.osgi.service.component.annotations.Component;

/** The "ntfs" file system type: probes the boot sector, opens volumes read-only. */
@Component(service = FileSystemType.class)
public final class NtfsFileSystemType implements FileSystemType {

    @Override
    public String name() {
        return "ntfs";
    }

    @Override
    public boolean probe(BlockDevice volume) throws IOException {
        if (volume.size() < BootSector.SIZE) {
            return false;
        }
        byte[] b = new byte[BootSector.SIZE];
        volume.read(0, b, 0, b.length);
        return BootSector.looksLikeNtfs(b);
    }

    @Override
    public FileSystem open(BlockDevice volume) throws IOException {
        return NtfsFileSystem.open(volume);
    }
}
