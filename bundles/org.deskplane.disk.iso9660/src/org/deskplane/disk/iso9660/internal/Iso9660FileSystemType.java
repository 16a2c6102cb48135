package org.deskplane.disk.iso9660.internal;

import java.io.IOException;

import org.deskplane.disk.api.BlockDevice;
import org.deskplane.disk.api.FileSystem;
import org.deskplane.disk.api.FileSystemType;
import org.osgi.service.component.annotations.Component;

/** Offers the ISO 9660 reader (with Joliet and Rock Ridge) as the {@link FileSystemType} "iso9660". */
@Component(service = FileSystemType.class, property = "filesystem=iso9660")
public final class Iso9660FileSystemType implements FileSystemType {

    static final String NAME = "iso9660";

    @Override
    public String name() {
        return NAME;
    }

    /** "CD001" in the first volume descriptor, sector 16. */
    @Override
    public boolean probe(BlockDevice volume) throws IOException {
        return VolumeDescriptorSet.probe(volume);
    }

    @Override
    public FileSystem open(BlockDevice volume) throws IOException {
        return Iso9660FileSystem.open(volume);
    }
}
