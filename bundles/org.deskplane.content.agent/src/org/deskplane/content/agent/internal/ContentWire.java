package org.deskplane.content.agent.internal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The guest's side of the content protocol, version 1 (docs/content-agent-protocol.md): JSON answers built by hand,
 * and the binary frame of a {@code content.read} answer.
 */
final class ContentWire {
    static final int VERSION = 1;
    /** First byte of a binary read answer; never the first byte of a JSON answer ('{'). */
    static final byte DATA_MARKER = 0;
    static final int MAX_READ = 1 << 20;

    private ContentWire() {
    }

    static String error(String reason, String message) {
        return "{\"v\":" + VERSION + ",\"error\":" + quote(reason) + ",\"message\":" + quote(message) + "}";
    }

    /** A binary read answer: marker, version, etag (u16 length + UTF-8), file size (u64), then the bytes. */
    static byte[] data(String etag, long fileSize, byte[] bytes, int length) {
        byte[] tag = etag.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(2 + 2 + tag.length + 8 + length);
        b.put(DATA_MARKER).put((byte) VERSION).putShort((short) tag.length).put(tag).putLong(fileSize).put(bytes, 0, length);
        return b.array();
    }

    static String quote(String s) {
        StringBuilder b = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                b.append('\\').append(c);
            } else if (c < 0x20 || (c >= 0xD800 && c <= 0xDFFF && !validSurrogate(s, i))) {
                // a lone surrogate (a file name that is not valid Unicode) must not break the UTF-8 encoding
                b.append(String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.append('"').toString();
    }

    private static boolean validSurrogate(String s, int i) {
        char c = s.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
        }
        return i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
    }
}
