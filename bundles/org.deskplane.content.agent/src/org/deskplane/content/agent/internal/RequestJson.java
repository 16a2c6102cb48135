package org.deskplane.content.agent.internal;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Map;

/**
 * Reads a request: one flat JSON object whose values are strings, integers, booleans or null. The agent carries no
 * JSON library, and requests need nothing more; anything else (nesting, fractions, excess size) is refused.
 */
final class RequestJson {
    static final int MAX_BYTES = 64 << 10;
    private final String text;
    private int at;

    private RequestJson(String text) {
        this.text = text;
    }

    static Map<String, Object> parse(byte[] body) throws GuestError {
        if (body.length > MAX_BYTES) {
            throw new GuestError(GuestError.INVALID, "request larger than " + MAX_BYTES + " bytes");
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            throw new GuestError(GuestError.INVALID, "request is not UTF-8");
        }
        RequestJson p = new RequestJson(text);
        Map<String, Object> object = p.object();
        p.space();
        if (p.at != text.length()) {
            throw p.error("trailing characters");
        }
        return object;
    }

    private Map<String, Object> object() throws GuestError {
        expect('{');
        Map<String, Object> fields = new HashMap<>();
        space();
        if (peek() == '}') {
            at++;
            return fields;
        }
        while (true) {
            space();
            String name = string();
            space();
            expect(':');
            space();
            if (fields.put(name, value()) != null) {
                throw error("duplicate field '" + name + "'");
            }
            space();
            char c = next();
            if (c == '}') {
                return fields;
            }
            if (c != ',') {
                throw error("expected ',' or '}'");
            }
        }
    }

    private Object value() throws GuestError {
        char c = peek();
        if (c == '"') {
            return string();
        }
        if (c == '-' || (c >= '0' && c <= '9')) {
            int start = at;
            if (c == '-') {
                at++;
            }
            while (at < text.length() && Character.isDigit(text.charAt(at)) && at - start < 20) {
                at++;
            }
            try {
                return Long.parseLong(text, start, at, 10);
            } catch (NumberFormatException e) {
                throw error("not an integer");
            }
        }
        for (String word : new String[] { "true", "false", "null" }) {
            if (text.startsWith(word, at)) {
                at += word.length();
                return word.equals("null") ? null : Boolean.valueOf(word);
            }
        }
        throw error("unsupported value");
    }

    private String string() throws GuestError {
        expect('"');
        StringBuilder b = new StringBuilder();
        while (true) {
            char c = next();
            if (c == '"') {
                return b.toString();
            }
            if (c < 0x20) {
                throw error("control character in string");
            }
            if (c != '\\') {
                b.append(c);
                continue;
            }
            char e = next();
            switch (e) {
            case '"', '\\', '/' -> b.append(e);
            case 'b' -> b.append('\b');
            case 'f' -> b.append('\f');
            case 'n' -> b.append('\n');
            case 'r' -> b.append('\r');
            case 't' -> b.append('\t');
            case 'u' -> {
                if (at + 4 > text.length()) {
                    throw error("short \\u escape");
                }
                try {
                    b.append((char) Integer.parseInt(text, at, at + 4, 16));
                } catch (NumberFormatException x) {
                    throw error("bad \\u escape");
                }
                at += 4;
            }
            default -> throw error("bad escape");
            }
        }
    }

    private void space() {
        while (at < text.length() && " \t\r\n".indexOf(text.charAt(at)) >= 0) {
            at++;
        }
    }

    private char peek() throws GuestError {
        if (at >= text.length()) {
            throw error("unexpected end");
        }
        return text.charAt(at);
    }

    private char next() throws GuestError {
        char c = peek();
        at++;
        return c;
    }

    private void expect(char c) throws GuestError {
        if (next() != c) {
            throw error("expected '" + c + "'");
        }
    }

    private GuestError error(String what) {
        return new GuestError(GuestError.INVALID, "malformed request JSON at " + at + ": " + what);
    }

    /** A required string field. */
    static String string(Map<String, Object> request, String name) throws GuestError {
        if (request.get(name) instanceof String s) {
            return s;
        }
        throw new GuestError(GuestError.INVALID, "request needs the string '" + name + "'");
    }

    /** An integer field, or the default when absent. */
    static long number(Map<String, Object> request, String name, long fallback) throws GuestError {
        Object v = request.get(name);
        if (v == null) {
            return fallback;
        }
        if (v instanceof Long l) {
            return l;
        }
        throw new GuestError(GuestError.INVALID, "'" + name + "' must be an integer");
    }

    /** Refuses requests of a protocol version this agent does not speak. */
    static void checkVersion(Map<String, Object> request) throws GuestError {
        long v = number(request, "v", ContentWire.VERSION);
        if (v != ContentWire.VERSION) {
            throw new GuestError(GuestError.INVALID, "unsupported content protocol version " + v);
        }
    }
}
