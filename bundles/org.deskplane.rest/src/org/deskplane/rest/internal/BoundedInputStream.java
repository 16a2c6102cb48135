package org.deskplane.rest.internal;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

import org.deskplane.rest.api.ApiException;

/** Caps how many bytes a request body may have; past the cap, reading fails with a 413 problem. */
final class BoundedInputStream extends FilterInputStream {

    private final long limit;
    private long count;

    BoundedInputStream(InputStream in, long limit) {
        super(in);
        this.limit = limit;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            add(1);
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        if (n > 0) {
            add(n);
        }
        return n;
    }

    private void add(long n) {
        count += n;
        if (count > limit) {
            throw new ApiException(413, "Request body too large",
                    "The request body is larger than the " + limit + " bytes this endpoint accepts.");
        }
    }
}
