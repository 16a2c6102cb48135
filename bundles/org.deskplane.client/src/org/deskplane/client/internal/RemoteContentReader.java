package org.deskplane.client.internal;

import java.io.IOException;
import java.util.Map;

import org.deskplane.content.api.ContentEntry;
import org.deskplane.content.api.ContentException;
import org.deskplane.content.api.ContentReader;

/**
 * Reads a remote file by HTTP Range, one request per {@link #read} call, at most {@value #MAX_REQUEST_BYTES} bytes
 * each, so memory stays bounded whatever the file's size. Each answer's ETag must be the one {@code stat} gave:
 * a file that changed while it was read is an error, never a mix of two versions.
 */
final class RemoteContentReader implements ContentReader {

    /** Per request: large enough that a download is not dominated by round trips, far below the answer bound. */
    static final int MAX_REQUEST_BYTES = 4 * 1024 * 1024;

    private final RestClient rest;
    private final String contentPath;
    private final ContentEntry entry;
    private volatile boolean closed;

    RemoteContentReader(RestClient rest, String contentPath, ContentEntry entry) {
        this.rest = rest;
        this.contentPath = contentPath;
        this.entry = entry;
    }

    @Override
    public ContentEntry entry() {
        return entry;
    }

    @Override
    public int read(long position, byte[] buffer, int offset, int length) throws IOException {
        if (closed) {
            throw new IOException("the reader of " + entry.path() + " is closed");
        }
        if (position < 0 || offset < 0 || length < 0 || offset + length > buffer.length) {
            throw new IndexOutOfBoundsException("position " + position + ", offset " + offset + ", length " + length);
        }
        if (position >= entry.size()) {
            return -1;
        }
        if (length == 0) {
            return 0;
        }
        long last = Math.min(entry.size(), position + Math.min(length, MAX_REQUEST_BYTES)) - 1;
        Reply reply = RemoteContentAccess.call(() -> rest.expectSuccess("GET", contentPath,
                rest.send("GET", contentPath, null, null, Map.of("Range", "bytes=" + position + "-" + last))));
        String etag = reply.headers().firstValue("ETag").orElse(null);
        if (entry.etag() != null && etag != null && !etag.equals("\"" + entry.etag() + "\"")) {
            throw new ContentException(ContentException.Reason.BUSY, entry.path() + " changed while it was read; "
                    + "read it again");
        }
        byte[] body = reply.body();
        if (reply.status() == 200 && position > 0) {
            // a server that ignored the Range sent the whole file: take the asked-for part of it
            if (body.length <= position) {
                return -1;
            }
            int n = (int) Math.min(last - position + 1, body.length - position);
            System.arraycopy(body, (int) position, buffer, offset, n);
            return n;
        }
        int n = (int) Math.min(body.length, last - position + 1);
        if (n == 0) {
            throw new ContentException(ContentException.Reason.UNREADABLE, "the server sent no bytes of "
                    + entry.path() + " at " + position);
        }
        System.arraycopy(body, 0, buffer, offset, n);
        return n;
    }

    @Override
    public void close() {
        closed = true;
    }

    @Override
    public String toString() {
        return "RemoteContentReader[" + contentPath + "]";
    }
}
