package org.deskplane.disk.image.internal.qcow2;

import java.io.IOException;
import java.nio.file.Path;

import org.deskplane.disk.api.BlockDevice;
import org.deskplane.disk.api.DiskImageFormat;
import org.deskplane.disk.image.internal.Closer;
import org.deskplane.disk.image.internal.HostFile;
import org.osgi.service.component.annotations.Component;

/** qcow2 versions 2 and 3, read-only: backing files, compressed (deflate) and zero clusters. */
@Component(service = DiskImageFormat.class)
public final class Qcow2Format implements DiskImageFormat {

    /** L2 tables and L1 pages kept in memory per open image. */
    static final long TABLE_CACHE_BYTES = 4L << 20;

    @Override
    public String name() {
        return "qcow2";
    }

    @Override
    public boolean probe(byte[] header, long fileSize) {
        return Qcow2Header.probe(header);
    }

    @Override
    public BlockDevice open(Path file, BackingOpener backing) throws IOException {
        HostFile host = new HostFile(file, name());
        BlockDevice backingDevice = null;
        try {
            Qcow2Header header = Qcow2Header.read(host);
            if (header.backingFile() != null) {
                Path parent = file.toAbsolutePath().getParent();
                Path backingPath = parent.resolve(header.backingFile());
                backingDevice = backing.open(backingPath, header.backingFormat());
            }
            return new Qcow2Device(host, header, backingDevice, TABLE_CACHE_BYTES);
        } catch (IOException | RuntimeException e) {
            Closer.closeQuietly(e, host, backingDevice);
            if (e instanceof RuntimeException) {
                throw new org.deskplane.disk.api.DiskFormatException(file + ": corrupt qcow2 image (" + e + ")", e);
            }
            throw e;
        }
    }
}
