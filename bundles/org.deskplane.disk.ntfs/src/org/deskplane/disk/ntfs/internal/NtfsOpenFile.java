package org.deskplane.disk.ntfs.internal;

import java.io.IOException;
import java.util.Objects;

import org.deskplane.disk.api.FileEntry;
import org.deskplane.disk.api.OpenFile;

/** A regular NTFS file opened for reading; stateless, so concurrent reads are safe. */
final class NtfsOpenFile implements OpenFile {

    private final FileEntry entry;
    private final FileData data;
    private final NtfsFileSystem fs;

    NtfsOpenFile(FileEntry entry, FileData data, NtfsFileSystem fs) {
        this.entry = entry;
        this.data = data;
        this.fs = fs;
    }

    @Override
    public FileEntry entry() {
        return entry;
    }

    @Override
    public int read(long position, byte[] buffer, int bufferOffset, int length) throws IOException {
        Objects.checkFromIndexSize(bufferOffset, length, buffer.length);
        if (length == 0) {
            return position >= data.size() ? -1 : 0;
        }
        return fs.guard(() -> data.read(position, buffer, bufferOffset, length), entry.path());
    }

    @Override
    public void close() {
        // nothing held: reads go straight to the volume
    }
}
