package org.deskplane.disk.api;

import java.io.IOException;

import org.osgi.annotation.versioning.ConsumerType;

/** A regular file opened for random-access reading; reads may run from several threads at once. */
@ConsumerType
public interface OpenFile extends AutoCloseable {

    FileEntry entry();

    /**
     * Reads up to {@code length} bytes at {@code position}: holes of sparse files read as zeros.
     *
     * @return the number of bytes read, or -1 when {@code position} is at or past the end of the file
     */
    int read(long position, byte[] buffer, int bufferOffset, int length) throws IOException;

    @Override
    void close() throws IOException;
}
