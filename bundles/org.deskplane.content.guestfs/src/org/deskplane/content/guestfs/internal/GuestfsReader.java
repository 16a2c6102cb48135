package org.deskplane.content.guestfs.internal;

import java.io.IOException;

import org.deskplane.content.api.ContentEntry;
import org.deskplane.content.api.ContentReader;

/** A guest file read by {@code pread} from any position, one bounded chunk per call. */
final class GuestfsReader implements ContentReader {

    private final GuestfsView view;
    private final String path;
    private final ContentEntry entry;

    GuestfsReader(GuestfsView view, String path, ContentEntry entry) {
        this.view = view;
        this.path = path;
        this.entry = entry;
    }

    @Override
    public ContentEntry entry() {
        return entry;
    }

    @Override
    public int read(long position, byte[] buffer, int offset, int length) throws IOException {
        if (position < 0 || offset < 0 || length < 0 || length > buffer.length - offset) {
            throw new IndexOutOfBoundsException("bad read range");
        }
        if (position >= entry.size()) {
            return -1;
        }
        if (length == 0) {
            return 0;
        }
        int n = view.pread(path, position, buffer, offset, (int) Math.min(length, entry.size() - position));
        return n == 0 ? -1 : n;
    }

    @Override
    public void close() {
        // nothing held per file: the helper VM belongs to the view
    }
}
