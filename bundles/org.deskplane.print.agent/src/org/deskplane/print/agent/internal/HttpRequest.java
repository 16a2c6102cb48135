package org.deskplane.print.agent.internal;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/** An HTTP/1.1 request head, read with bounds (line length, header count), and its body. */
record HttpRequest(String method, String path, String version, Map<String, String> headers, HttpBody body) {
    private static final int MAX_LINE = 8192;
    private static final int MAX_HEADERS = 100;

    /** Thrown for a head that is not HTTP/1.x; answered 400 and the connection closed. */
    static final class BadRequest extends IOException {
        private static final long serialVersionUID = 1L;

        BadRequest(String message) {
            super(message);
        }
    }

    /** @return the next request, or {@code null} when the client closed the connection between requests. */
    static HttpRequest read(InputStream in) throws IOException {
        String requestLine;
        try {
            requestLine = readLine(in, MAX_LINE);
        } catch (EOFException e) {
            return null;
        }
        while (requestLine.isEmpty()) { // tolerated between pipelined requests
            requestLine = readLine(in, MAX_LINE);
        }
        String[] parts = requestLine.split(" ");
        if (parts.length != 3 || !parts[2].startsWith("HTTP/1.")) {
            throw new BadRequest("bad request line");
        }
        Map<String, String> headers = new HashMap<>();
        for (int i = 0;; i++) {
            if (i > MAX_HEADERS) {
                throw new BadRequest("too many header lines");
            }
            String line = readLine(in, MAX_LINE);
            if (line.isEmpty()) {
                break;
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new BadRequest("bad header line");
            }
            headers.merge(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim(),
                    (a, b) -> a + "," + b);
        }
        HttpBody body;
        String te = headers.getOrDefault("transfer-encoding", "");
        if (te.toLowerCase(Locale.ROOT).contains("chunked")) {
            body = HttpBody.chunked(in);
        } else {
            long length;
            try {
                length = Long.parseLong(headers.getOrDefault("content-length", "0"));
            } catch (NumberFormatException e) {
                throw new BadRequest("bad Content-Length");
            }
            if (length < 0) {
                throw new BadRequest("bad Content-Length");
            }
            body = HttpBody.fixed(in, length);
        }
        return new HttpRequest(parts[0], parts[1], parts[2], headers, body);
    }

    String header(String name) {
        return headers.getOrDefault(name, "");
    }

    boolean keepAlive() {
        String connection = header("connection").toLowerCase(Locale.ROOT);
        return version.equals("HTTP/1.1") ? !connection.contains("close") : connection.contains("keep-alive");
    }

    /** Reads a CRLF (or LF) terminated ISO-8859-1 line of at most {@code max} bytes. */
    static String readLine(InputStream in, int max) throws IOException {
        StringBuilder line = new StringBuilder();
        while (true) {
            int c = in.read();
            if (c < 0) {
                throw new EOFException("connection closed");
            }
            if (c == '\n') {
                int end = line.length();
                if (end > 0 && line.charAt(end - 1) == '\r') {
                    line.setLength(end - 1);
                }
                return line.toString();
            }
            if (line.length() >= max) {
                throw new BadRequest("line longer than " + max + " bytes");
            }
            line.append((char) c);
        }
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }
}
