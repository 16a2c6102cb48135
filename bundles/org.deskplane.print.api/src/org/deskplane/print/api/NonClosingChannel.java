package org.deskplane.print.api;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;

/** Keeps a driver from closing the caller's channel: the caller opened it, the caller closes it. */
final class NonClosingChannel implements ReadableByteChannel {

    private final ReadableByteChannel delegate;

    NonClosingChannel(ReadableByteChannel delegate) {
        this.delegate = delegate;
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        return delegate.read(dst);
    }

    @Override
    public boolean isOpen() {
        return delegate.isOpen();
    }

    @Override
    public void close() {
        // deliberately left open
    }
}
