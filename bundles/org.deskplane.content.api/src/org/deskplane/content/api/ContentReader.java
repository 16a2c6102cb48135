package org.deskplane.content.api;

import java.io.IOException;

import org.osgi.annotation.versioning.ConsumerType;

/** A file opened for random-access reading (HTTP Range requests read from any position). */
@ConsumerType
public interface ContentReader extends AutoCloseable {

    ContentEntry entry();

    /** Reads up to {@code length} bytes at {@code position}; -1 at or past the end. */
    int read(long position, byte[] buffer, int offset, int length) throws IOException;

    @Override
    void close() throws IOException;
}
