package org.deskplane.bundles.internal;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

import org.deskplane.bundles.api.BundleOperationException;
import org.deskplane.bundles.api.BundleOperationException.Kind;

/** Refuses to write more than a limit, so that a repository cannot fill the disk with one artifact. */
final class BoundedOutputStream extends FilterOutputStream {
    private final long limit;
    private long written;

    BoundedOutputStream(OutputStream out, long limit) {
        super(out);
        this.limit = limit;
    }

    @Override
    public void write(int b) throws IOException {
        count(1);
        out.write(b);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        count(len);
        out.write(b, off, len);
    }

    private void count(int n) {
        written += n;
        if (written > limit) {
            throw new BundleOperationException(Kind.INVALID, "artifact larger than " + limit + " bytes");
        }
    }
}
