package org.deskplane.disk.image.internal;

import java.io.IOException;
import java.nio.file.Path;

import org.deskplane.disk.api.BlockDevice;
import org.deskplane.disk.api.BlockDevices;
import org.deskplane.disk.api.DiskImageFormat;
import org.osgi.service.component.annotations.Component;

/** A raw image is its own guest-visible bytes. It never claims a file when probing: it is what is left. */
@Component(service = DiskImageFormat.class)
public final class RawFormat implements DiskImageFormat {

    public static final String NAME = "raw";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean probe(byte[] header, long fileSize) {
        return false;
    }

    @Override
    public BlockDevice open(Path file, BackingOpener backing) throws IOException {
        return BlockDevices.file(file);
    }
}
