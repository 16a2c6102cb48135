package org.deskplane.content.index.internal;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Decides whether bytes are text and decodes them: UTF-16 with a byte order mark, UTF-8 (strict, with or without
 * a BOM), else Latin-1 as long as it has no control characters a text file would not have. Anything with a NUL
 * byte (outside UTF-16) is binary. The bytes may be a file's first part only: a UTF-8 sequence cut at the end
 * is not held against it.
 */
final class TextSniffer {

    private TextSniffer() {
    }

    /** The text, or null when {@code bytes[0..length)} look binary. */
    static String decode(byte[] bytes, int length, boolean truncated) {
        if (length >= 2 && (bytes[0] & 0xFF) == 0xFF && (bytes[1] & 0xFF) == 0xFE) {
            return new String(bytes, 2, (length - 2) & ~1, StandardCharsets.UTF_16LE);
        }
        if (length >= 2 && (bytes[0] & 0xFF) == 0xFE && (bytes[1] & 0xFF) == 0xFF) {
            return new String(bytes, 2, (length - 2) & ~1, StandardCharsets.UTF_16BE);
        }
        int controls = 0;
        for (int i = 0; i < length; i++) {
            int b = bytes[i] & 0xFF;
            if (b == 0) {
                return null;
            }
            if (b < 0x20 && b != '\t' && b != '\n' && b != '\r' && b != '\f' && b != 0x1B) {
                controls++;
            }
        }
        // a few stray control characters happen in text; many mean a binary format
        if (controls > Math.max(8, length / 100)) {
            return null;
        }
        int start = length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB && (bytes[2] & 0xFF) == 0xBF ? 3 : 0;
        String utf8 = strictUtf8(bytes, start, length - start, truncated);
        return utf8 != null ? utf8 : new String(bytes, 0, length, StandardCharsets.ISO_8859_1);
    }

    private static String strictUtf8(byte[] bytes, int offset, int length, boolean truncated) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes, offset, length);
        CharBuffer out = CharBuffer.allocate(length);
        var result = decoder.decode(in, out, true);
        if (result.isError()) {
            // a multi-byte sequence cut by the read cap is fine; anything else is not UTF-8
            if (!(truncated && result.isMalformed() && in.remaining() <= 3 && in.remaining() == result.length())) {
                return null;
            }
        }
        out.flip();
        return out.toString();
    }
}
