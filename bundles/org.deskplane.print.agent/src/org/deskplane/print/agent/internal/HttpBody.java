package org.deskplane.print.agent.internal;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/**
 * A request body: {@code Content-Length} bytes, or HTTP/1.1 chunked transfer coding (chunk-size lines bounded,
 * trailers skipped and bounded). Reading past the body's end returns -1 and never touches the next request.
 */
final class HttpBody extends InputStream {
    private static final int MAX_LINE = 1024;

    private final InputStream in;
    private final boolean chunked;
    private long remaining;
    private boolean done;

    private HttpBody(InputStream in, boolean chunked, long length) {
        this.in = in;
        this.chunked = chunked;
        this.remaining = length;
        this.done = !chunked && length == 0;
    }

    static HttpBody fixed(InputStream in, long length) {
        return new HttpBody(in, false, length);
    }

    static HttpBody chunked(InputStream in) {
        return new HttpBody(in, true, 0);
    }

    boolean finished() {
        return done;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (done) {
            return -1;
        }
        if (remaining == 0 && chunked) {
            remaining = nextChunk();
            if (remaining == 0) {
                done = true;
                return -1;
            }
        }
        int n = in.read(b, off, (int) Math.min(len, remaining));
        if (n < 0) {
            throw new EOFException("the request body ended early");
        }
        remaining -= n;
        if (remaining == 0 && !chunked) {
            done = true;
        }
        if (remaining == 0 && chunked) {
            expectCrlf();
        }
        return n;
    }

    /** Drains up to {@code limit} bytes; returns whether the body's end was reached. */
    boolean drain(long limit) throws IOException {
        byte[] buffer = new byte[8192];
        long left = limit;
        while (!done && left > 0) {
            int n = read(buffer, 0, (int) Math.min(buffer.length, left));
            if (n < 0) {
                break;
            }
            left -= n;
        }
        return done;
    }

    private long nextChunk() throws IOException {
        String line = line();
        int semicolon = line.indexOf(';');
        String hex = (semicolon < 0 ? line : line.substring(0, semicolon)).trim();
        long size;
        try {
            size = Long.parseLong(hex, 16);
        } catch (NumberFormatException e) {
            throw new IOException("bad chunk size: " + hex);
        }
        if (size < 0 || hex.length() > 15) {
            throw new IOException("bad chunk size: " + hex);
        }
        if (size == 0) {
            // trailers until an empty line, bounded
            for (int i = 0; i < 64; i++) {
                if (line().isEmpty()) {
                    return 0;
                }
            }
            throw new IOException("too many trailer lines");
        }
        return size;
    }

    private void expectCrlf() throws IOException {
        if (!line().isEmpty()) {
            throw new IOException("chunk data not followed by CRLF");
        }
    }

    private String line() throws IOException {
        return HttpRequest.readLine(in, MAX_LINE);
    }
}
