package org.deskplane.disk.image.internal.vhd;

import static org.deskplane.disk.image.internal.Bytes.be32;
import static org.deskplane.disk.image.internal.Bytes.hex;

import java.io.IOException;
import java.util.Arrays;

import org.deskplane.disk.api.DiskFormatException;
import org.deskplane.disk.image.internal.HostFile;
import org.deskplane.disk.image.internal.ImageDevice;
import org.deskplane.disk.image.internal.MetadataCache;

/**
 * A dynamic VHD: the block allocation table maps each block to a sector bitmap followed by the block's data;
 * unallocated blocks, and sectors whose bitmap bit is clear, read as zeros.
 */
final class DynamicVhdDevice extends ImageDevice {

    private static final long UNALLOCATED = 0xFFFF_FFFFL;
    private static final int BAT_PAGE = 4096;

    private final HostFile file;
    private final long batOffset;
    private final long batEntries;
    private final long blockSize;
    private final int bitmapBytes;
    private final MetadataCache cache;

    DynamicVhdDevice(HostFile file, long size, long batOffset, long batEntries, long blockSize, long cacheBytes) {
        super("vpc " + file.path(), size, blockSize);
        this.file = file;
        this.batOffset = batOffset;
        this.batEntries = batEntries;
        this.blockSize = blockSize;
        long bitmap = blockSize / 512 / 8;
        this.bitmapBytes = (int) ((bitmap + 511) / 512 * 512);
        this.cache = new MetadataCache(cacheBytes);
    }

    @Override
    protected void readUnit(long block, long inBlock, byte[] buffer, int bufferOffset, int length) throws IOException {
        long sector = batEntry(block);
        if (sector == UNALLOCATED) {
            Arrays.fill(buffer, bufferOffset, bufferOffset + length, (byte) 0);
            return;
        }
        long blockAt = sector * 512;
        if (blockAt > file.size() || bitmapBytes + blockSize > file.size() - blockAt) {
            throw new DiskFormatException(describe() + ": block " + block + " at " + hex(blockAt)
                    + " lies beyond the end of the file");
        }
        byte[] bitmap = cache.get(blockAt, () -> file.read("VHD sector bitmap of block " + block, blockAt,
                bitmapBytes));
        long position = inBlock;
        int done = 0;
        while (done < length) {
            // runs of sectors with the same bitmap bit are read (or zeroed) at once
            long sectorInBlock = position / 512;
            boolean present = present(bitmap, sectorInBlock);
            long runEnd = sectorInBlock + 1;
            while (runEnd * 512 < inBlock + length && present(bitmap, runEnd) == present) {
                runEnd++;
            }
            int n = (int) Math.min(length - done, runEnd * 512 - position);
            if (present) {
                file.read("VHD block " + block + " data", blockAt + bitmapBytes + position, buffer,
                        bufferOffset + done, n);
            } else {
                Arrays.fill(buffer, bufferOffset + done, bufferOffset + done + n, (byte) 0);
            }
            position += n;
            done += n;
        }
    }

    private static boolean present(byte[] bitmap, long sector) {
        return (bitmap[(int) (sector >>> 3)] & (0x80 >>> (sector & 7))) != 0;
    }

    private long batEntry(long block) throws IOException {
        if (block >= batEntries) {
            throw new DiskFormatException(describe() + ": block " + block + " beyond the allocation table");
        }
        long byteOffset = block * 4;
        long pageStart = byteOffset - byteOffset % BAT_PAGE;
        int pageLength = (int) Math.min(BAT_PAGE, batEntries * 4 - pageStart);
        byte[] page = cache.get(-1 - pageStart, () -> file.read("VHD block allocation table",
                batOffset + pageStart, pageLength));
        return be32(page, (int) (byteOffset - pageStart)) & 0xFFFF_FFFFL;
    }

    @Override
    public void close() throws IOException {
        file.close();
    }
}
