package org.deskplane.disk.image.internal.vmdk;

import static org.deskplane.disk.image.internal.Bytes.hex;
import static org.deskplane.disk.image.internal.Bytes.le32;
import static org.deskplane.disk.image.internal.Bytes.le64;

import java.io.IOException;
import java.util.Arrays;

import org.deskplane.disk.api.DiskFormatException;
import org.deskplane.disk.image.internal.HostFile;
import org.deskplane.disk.image.internal.Inflation;
import org.deskplane.disk.image.internal.MetadataCache;

/**
 * A hosted sparse extent: grain directory → grain table → grain. Grains are stored plain (monolithicSparse,
 * twoGbMaxExtentSparse) or zlib-compressed behind a marker (streamOptimized). Unallocated grains read as zeros.
 */
final class SparseExtent implements Extent {

    private static final int GD_PAGE = 4096;
    private static final int GRAIN_MARKER = 12;

    private final HostFile file;
    private final SparseHeader header;
    private final long size;
    private final long gdEntries;
    private final MetadataCache tables;
    private final MetadataCache grains;

    SparseExtent(HostFile file, SparseHeader header, long size, long cacheBytes) throws DiskFormatException {
        this.file = file;
        this.header = header;
        this.size = size;
        long bytesPerGt = header.grainSize() * header.gtesPerGt();
        this.gdEntries = header.capacity() / bytesPerGt + (header.capacity() % bytesPerGt == 0 ? 0 : 1);
        if (header.gdOffset() > file.size() || gdEntries * 4 > file.size() - header.gdOffset()) {
            throw new DiskFormatException(file.describe() + ": VMDK grain directory at " + hex(header.gdOffset())
                    + " (" + gdEntries + " entries) lies beyond the end of the file");
        }
        this.tables = new MetadataCache(cacheBytes);
        this.grains = new MetadataCache(Math.max(cacheBytes / 4, header.grainSize()));
    }

    static SparseExtent open(HostFile file, long cacheBytes) throws IOException {
        SparseHeader header = SparseHeader.read(file);
        return new SparseExtent(file, header, header.capacity(), cacheBytes);
    }

    SparseHeader header() {
        return header;
    }

    HostFile file() {
        return file;
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public void read(long offset, byte[] buffer, int bufferOffset, int length) throws IOException {
        long grainSize = header.grainSize();
        long position = offset;
        int done = 0;
        while (done < length) {
            long grain = position / grainSize;
            int inGrain = (int) (position % grainSize);
            int n = (int) Math.min(length - done, grainSize - inGrain);
            readGrain(grain, inGrain, buffer, bufferOffset + done, n);
            position += n;
            done += n;
        }
    }

    private void readGrain(long grain, int inGrain, byte[] buffer, int bufferOffset, int length) throws IOException {
        long entry = grainTableEntry(grain);
        if (entry == 0 || (entry == 1 && header.zeroGrains()) || grain * header.grainSize() >= header.capacity()) {
            Arrays.fill(buffer, bufferOffset, bufferOffset + length, (byte) 0);
            return;
        }
        long at = entry * 512;
        if (header.compressed()) {
            byte[] data = grains.get(at, () -> inflateGrain(grain, at));
            System.arraycopy(data, inGrain, buffer, bufferOffset, length);
        } else {
            file.read("VMDK grain " + grain, at + inGrain, buffer, bufferOffset, length);
        }
    }

    private byte[] inflateGrain(long grain, long at) throws IOException {
        long maxCompressed = 2 * header.grainSize() + 1024;
        long compressedSize;
        long dataAt;
        if (header.markers()) {
            byte[] marker = file.read("VMDK grain marker of grain " + grain, at, GRAIN_MARKER);
            long lba = le64(marker, 0);
            compressedSize = le32(marker, 8) & 0xFFFF_FFFFL;
            if (lba != grain * (header.grainSize() / 512)) {
                throw new DiskFormatException(file.describe() + ": VMDK compressed grain at " + hex(at) + " says LBA "
                        + lba + ", expected " + grain * (header.grainSize() / 512));
            }
            if (compressedSize == 0 || compressedSize > maxCompressed) {
                throw new DiskFormatException(file.describe() + ": VMDK compressed grain at " + hex(at)
                        + " has size " + compressedSize);
            }
            dataAt = at + GRAIN_MARKER;
        } else {
            // no marker, no stored size: inflate from what follows, bounded
            compressedSize = Math.min(maxCompressed, file.size() - at);
            dataAt = at;
        }
        byte[] in = file.read("VMDK compressed grain " + grain, dataAt, (int) Math.max(0, compressedSize));
        byte[] out = new byte[(int) header.grainSize()];
        Inflation.inflate(in, in.length, out, false, file.describe() + ": VMDK compressed grain at " + hex(at));
        return out;
    }

    private long grainTableEntry(long grain) throws IOException {
        long gtIndex = grain / header.gtesPerGt();
        int inGt = (int) (grain % header.gtesPerGt());
        if (gtIndex >= gdEntries) {
            return 0;
        }
        long gdByte = gtIndex * 4;
        long pageStart = gdByte - gdByte % GD_PAGE;
        int pageLength = (int) Math.min(GD_PAGE, gdEntries * 4 - pageStart);
        // directory pages are keyed by negative numbers so that they never collide with grain table offsets
        byte[] page = tables.get(-1 - pageStart, () -> file.read("VMDK grain directory", header.gdOffset() + pageStart,
                pageLength));
        long gtSector = le32(page, (int) (gdByte - pageStart)) & 0xFFFF_FFFFL;
        if (gtSector == 0) {
            return 0;
        }
        long gtOffset = gtSector * 512;
        int gtLength = header.gtesPerGt() * 4;
        byte[] table = tables.get(gtOffset, () -> file.read("VMDK grain table " + gtIndex, gtOffset, gtLength));
        return le32(table, inGt * 4) & 0xFFFF_FFFFL;
    }

    @Override
    public void close() throws IOException {
        file.close();
    }
}
