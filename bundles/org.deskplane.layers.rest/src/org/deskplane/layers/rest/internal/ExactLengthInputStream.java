package org.deskplane.layers.rest.internal;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

import org.deskplane.rest.api.ApiException;

/**
 * A body announced with a Content-Length: yields exactly that many bytes, and fails (400) when the client sends
 * fewer, so that the store never keeps a truncated chunk.
 */
final class ExactLengthInputStream extends FilterInputStream {
    private long left;

    ExactLengthInputStream(InputStream in, long length) {
        super(in);
        this.left = length;
    }

    @Override
    public int read() throws IOException {
        if (left == 0) {
            return -1;
        }
        int b = super.read();
        if (b < 0) {
            throw truncated();
        }
        left--;
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        if (left == 0) {
            return -1;
        }
        int n = super.read(buffer, offset, (int) Math.min(length, left));
        if (n < 0) {
            throw truncated();
        }
        left -= n;
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        long skipped = super.skip(Math.min(n, left));
        left -= skipped;
        return skipped;
    }

    @Override
    public int available() throws IOException {
        return (int) Math.min(super.available(), left);
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    private ApiException truncated() {
        return ApiException.badRequest("the chunk body ended " + left + " bytes before its Content-Length");
    }
}
