package org.deskplane.disk.image.internal.vhd;

import static org.deskplane.disk.image.internal.Bytes.be32;
import static org.deskplane.disk.image.internal.Bytes.be64;
import static org.deskplane.disk.image.internal.Bytes.hex;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import org.deskplane.disk.api.BlockDevice;
import org.deskplane.disk.api.DiskFormatException;
import org.deskplane.disk.api.DiskImageFormat;
import org.deskplane.disk.image.internal.Closer;
import org.deskplane.disk.image.internal.HostFile;
import org.deskplane.disk.image.internal.RegionDevice;
import org.osgi.service.component.annotations.Component;

/**
 * VHD, which qemu calls "vpc": fixed disks (data then a footer) and dynamic disks (a block allocation table);
 * differencing disks are refused. A fixed VHD has nothing at its start to probe, so, as with qemu, it probes as
 * raw and is read as VHD only when named.
 */
@Component(service = DiskImageFormat.class)
public final class VhdFormat implements DiskImageFormat {

    static final long CACHE_BYTES = 2L << 20;
    private static final byte[] DYNAMIC_COOKIE = "cxsparse".getBytes(StandardCharsets.US_ASCII);
    private static final long MAX_BLOCK_SIZE = 256L << 20;

    @Override
    public String name() {
        return "vpc";
    }

    @Override
    public boolean probe(byte[] header, long fileSize) {
        return VhdFooter.hasCookie(header, 0);
    }

    @Override
    public BlockDevice open(Path file, BackingOpener backing) throws IOException {
        HostFile host = new HostFile(file, name());
        try {
            return open(host);
        } catch (IOException | RuntimeException e) {
            Closer.closeQuietly(e, host);
            if (e instanceof RuntimeException) {
                throw new DiskFormatException(file + ": corrupt VHD (" + e + ")", e);
            }
            throw e;
        }
    }

    private BlockDevice open(HostFile host) throws IOException {
        if (host.size() < 512) {
            throw new DiskFormatException(host.describe() + ": file too short for a VHD footer");
        }
        VhdFooter footer = readFooter(host);
        switch (footer.diskType()) {
            case VhdFooter.FIXED -> {
                if (footer.currentSize() > host.size() - 512) {
                    throw new DiskFormatException(host.describe() + ": fixed VHD of " + footer.currentSize()
                            + " bytes in a file of " + host.size());
                }
                return new RegionDevice(host, 0, footer.currentSize());
            }
            case VhdFooter.DYNAMIC -> {
                return openDynamic(host, footer);
            }
            case VhdFooter.DIFFERENCING -> throw new DiskFormatException(host.describe()
                    + ": differencing VHDs are not supported");
            default -> throw new DiskFormatException(host.describe() + ": VHD disk type " + footer.diskType()
                    + " is unknown");
        }
    }

    /** The footer at the end; a dynamic disk also keeps a copy at the start, used when the end one is damaged. */
    private static VhdFooter readFooter(HostFile host) throws IOException {
        byte[] end = host.read("VHD footer", host.size() - 512, 512);
        try {
            return VhdFooter.parse(end, host.describe() + ": VHD footer at " + hex(host.size() - 512));
        } catch (DiskFormatException damaged) {
            byte[] copy = host.read("VHD footer copy", 0, 512);
            if (!VhdFooter.hasCookie(copy, 0)) {
                throw damaged;
            }
            return VhdFooter.parse(copy, host.describe() + ": VHD footer copy at 0");
        }
    }

    private BlockDevice openDynamic(HostFile host, VhdFooter footer) throws IOException {
        long headerAt = footer.dataOffset();
        byte[] header = host.read("VHD dynamic header", headerAt, 1024);
        String where = host.describe() + ": VHD dynamic header at " + hex(headerAt);
        for (int i = 0; i < DYNAMIC_COOKIE.length; i++) {
            if (header[i] != DYNAMIC_COOKIE[i]) {
                throw new DiskFormatException(where + " has no 'cxsparse' cookie");
            }
        }
        int stored = be32(header, 36);
        int sum = 0;
        for (int i = 0; i < 1024; i++) {
            if (i < 36 || i >= 40) {
                sum += header[i] & 0xFF;
            }
        }
        if (stored != ~sum) {
            throw new DiskFormatException(where + " has a bad checksum");
        }
        long batOffset = be64(header, 16);
        long entries = be32(header, 28) & 0xFFFF_FFFFL;
        long blockSize = be32(header, 32) & 0xFFFF_FFFFL;
        if (blockSize < 512 || blockSize > MAX_BLOCK_SIZE || Long.bitCount(blockSize) != 1) {
            throw new DiskFormatException(where + ": block size " + blockSize + " is invalid");
        }
        if (entries * blockSize < footer.currentSize()) {
            throw new DiskFormatException(where + ": " + entries + " blocks of " + blockSize
                    + " bytes do not cover the disk size " + footer.currentSize());
        }
        if (batOffset < 0 || batOffset > host.size() || entries * 4 > host.size() - batOffset) {
            throw new DiskFormatException(where + ": block allocation table at " + hex(batOffset) + " (" + entries
                    + " entries) lies beyond the end of the file");
        }
        return new DynamicVhdDevice(host, footer.currentSize(), batOffset, entries, blockSize, CACHE_BYTES);
    }
}
