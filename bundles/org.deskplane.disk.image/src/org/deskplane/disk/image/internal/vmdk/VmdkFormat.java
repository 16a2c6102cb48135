package org.deskplane.disk.image.internal.vmdk;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.deskplane.disk.api.BlockDevice;
import org.deskplane.disk.api.DiskFormatException;
import org.deskplane.disk.api.DiskImageFormat;
import org.deskplane.disk.image.internal.Closer;
import org.deskplane.disk.image.internal.HostFile;
import org.osgi.service.component.annotations.Component;

/**
 * VMDK: a single hosted sparse file (monolithicSparse, streamOptimized) or a text descriptor naming FLAT, SPARSE
 * and ZERO extents (monolithicFlat, twoGbMaxExtentSparse, twoGbMaxExtentFlat). Delta disks (a parent) are
 * refused rather than read without their parent.
 */
@Component(service = DiskImageFormat.class)
public final class VmdkFormat implements DiskImageFormat {

    static final long CACHE_BYTES = 2L << 20;
    private static final long MAX_SECTORS = 1L << 46;

    @Override
    public String name() {
        return "vmdk";
    }

    @Override
    public boolean probe(byte[] header, long fileSize) {
        return SparseHeader.probe(header) || Descriptor.probe(header);
    }

    @Override
    public BlockDevice open(Path file, BackingOpener backing) throws IOException {
        List<AutoCloseable> opened = new ArrayList<>();
        try {
            return openChecked(file, opened);
        } catch (IOException | RuntimeException e) {
            Closer.closeQuietly(e, opened.toArray(AutoCloseable[]::new));
            if (e instanceof RuntimeException) {
                throw new DiskFormatException(file + ": corrupt VMDK (" + e + ")", e);
            }
            throw e;
        }
    }

    private BlockDevice openChecked(Path file, List<AutoCloseable> opened) throws IOException {
        String description = "vmdk " + file;
        HostFile host = new HostFile(file, name());
        opened.add(host);
        byte[] start = host.read("VMDK header", 0, (int) Math.min(512, host.size()));
        if (SparseHeader.probe(start)) {
            SparseExtent extent = SparseExtent.open(host, CACHE_BYTES);
            refuseParent(embeddedDescriptor(extent), description);
            return new VmdkDevice(description, List.of(extent));
        }
        if (host.size() > Descriptor.MAX_BYTES) {
            throw new DiskFormatException(description + ": neither a sparse extent nor a descriptor file of at most "
                    + Descriptor.MAX_BYTES + " bytes");
        }
        byte[] text = host.read("VMDK descriptor", 0, (int) host.size());
        if (!Descriptor.probe(text)) {
            throw new DiskFormatException(description + ": not a VMDK (no KDMV magic, no descriptor signature)");
        }
        Descriptor descriptor = Descriptor.parse(text, text.length, description);
        refuseParent(descriptor, description);
        if (descriptor.extents().isEmpty()) {
            throw new DiskFormatException(description + ": descriptor names no extents");
        }
        host.close();
        opened.remove(host);
        List<Extent> extents = new ArrayList<>();
        long total = 0;
        for (Descriptor.Line line : descriptor.extents()) {
            total += line.sectors();
            if (line.sectors() > MAX_SECTORS || total > MAX_SECTORS) {
                throw new DiskFormatException(description + ": extents add up to more than " + MAX_SECTORS
                        + " sectors");
            }
            Extent extent = openExtent(file, line, description, opened);
            extents.add(extent);
        }
        return new VmdkDevice(description, extents);
    }

    private Extent openExtent(Path descriptorFile, Descriptor.Line line, String description,
            List<AutoCloseable> opened) throws IOException {
        long bytes = line.sectors() * 512;
        if ("ZERO".equals(line.type())) {
            return new ZeroExtent(bytes);
        }
        if (line.file() == null || line.file().isEmpty()) {
            throw new DiskFormatException(description + ": " + line.type() + " extent without a file name");
        }
        Path path = descriptorFile.toAbsolutePath().getParent().resolve(line.file());
        if (!Files.isRegularFile(path)) {
            throw new java.nio.file.NoSuchFileException(path.toString(), null, "extent file named by " + description);
        }
        HostFile host = new HostFile(path, name());
        opened.add(host);
        switch (line.type()) {
            case "FLAT", "VMFS" -> {
                if (line.offset() > MAX_SECTORS) {
                    throw new DiskFormatException(description + ": flat extent offset " + line.offset() + " too large");
                }
                return new FlatExtent(host, line.offset() * 512, bytes);
            }
            case "SPARSE" -> {
                SparseHeader header = SparseHeader.read(host);
                if (header.capacity() < bytes) {
                    throw new DiskFormatException(host.describe() + ": sparse extent holds " + header.capacity()
                            + " bytes, the descriptor says " + bytes);
                }
                return new SparseExtent(host, header, bytes, CACHE_BYTES);
            }
            default -> throw new DiskFormatException(description + ": extent type " + line.type()
                    + " is not supported (FLAT, SPARSE, ZERO)");
        }
    }

    private static Descriptor embeddedDescriptor(SparseExtent extent) throws IOException {
        SparseHeader header = extent.header();
        if (header.descriptorOffset() == 0 || header.descriptorSize() == 0) {
            return null;
        }
        byte[] bytes = extent.file().read("VMDK embedded descriptor", header.descriptorOffset(),
                (int) header.descriptorSize());
        return Descriptor.parse(bytes, bytes.length, extent.file().describe());
    }

    private static void refuseParent(Descriptor descriptor, String description) throws DiskFormatException {
        if (descriptor != null && descriptor.hasParent()) {
            throw new DiskFormatException(description + ": VMDK delta disks (with a parent image) are not supported");
        }
    }
}
