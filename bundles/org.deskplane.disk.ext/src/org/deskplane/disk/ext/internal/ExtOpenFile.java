package org.deskplane.disk.ext.internal;

import java.io.IOException;
import java.util.Arrays;
import java.util.Objects;

import org.deskplane.disk.api.BlockDevice;
import org.deskplane.disk.api.DiskFormatException;
import org.deskplane.disk.api.FileEntry;
import org.deskplane.disk.api.OpenFile;

/**
 * A regular file read in place: each read maps the blocks it touches and reads them straight from the device
 * (holes and uninitialised extents as zeros); inline files are served from the inode's copy.
 */
final class ExtOpenFile implements OpenFile {

    private final FileEntry entry;
    private final Inode inode;
    private final ExtVolume volume;
    private final BlockMap map; // null for inline data
    private final byte[] inline; // null for block data
    private volatile boolean closed;

    ExtOpenFile(FileEntry entry, Inode inode, ExtVolume volume) throws IOException {
        this.entry = entry;
        this.inode = inode;
        this.volume = volume;
        if (inode.hasFlag(Inode.FLAG_INLINE_DATA)) {
            this.inline = InlineData.content(inode);
            this.map = null;
        } else {
            this.inline = null;
            this.map = volume.blockMap(inode);
        }
    }

    @Override
    public FileEntry entry() {
        return entry;
    }

    @Override
    public int read(long position, byte[] buffer, int bufferOffset, int length) throws IOException {
        Objects.checkFromIndexSize(bufferOffset, length, buffer.length);
        if (closed) {
            throw new IOException("ext inode " + inode.number() + " is closed");
        }
        if (position < 0) {
            throw new IllegalArgumentException("negative position " + position);
        }
        long size = inode.size();
        if (position >= size) {
            return -1;
        }
        int total = (int) Math.min(length, size - position);
        try {
            if (inline != null) {
                System.arraycopy(inline, (int) position, buffer, bufferOffset, total);
            } else {
                readBlocks(position, buffer, bufferOffset, total);
            }
        } catch (RuntimeException e) {
            throw new DiskFormatException("ext inode " + inode.number() + " is corrupt: " + e, e);
        }
        return total;
    }

    private void readBlocks(long position, byte[] buffer, int offset, int total) throws IOException {
        int blockSize = volume.blockSize();
        BlockDevice device = volume.cache().device();
        int done = 0;
        while (done < total) {
            long at = position + done;
            long logical = at / blockSize;
            BlockMap.Run run = map.find(logical);
            if (run.length() <= 0 || logical < run.logicalStart() || logical >= run.logicalStart() + run.length()) {
                throw new DiskFormatException("ext inode " + inode.number() + ": block map gave run " + run
                        + " for logical block " + logical);
            }
            long runEnd = (run.logicalStart() + run.length()) * blockSize; // byte offset in the file
            int chunk = (int) Math.min(total - done, runEnd - at);
            if (run.isZeros()) {
                Arrays.fill(buffer, offset + done, offset + done + chunk, (byte) 0);
            } else {
                long physical = (run.physicalStart() + (logical - run.logicalStart())) * blockSize + at % blockSize;
                device.read(physical, buffer, offset + done, chunk);
            }
            done += chunk;
        }
    }

    @Override
    public void close() {
        closed = true;
    }
}
