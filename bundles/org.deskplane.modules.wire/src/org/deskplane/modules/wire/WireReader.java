package org.deskplane.modules.wire;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Reads a body from untrusted bytes: every length and count is checked against {@link ModuleWire}'s bounds and the
 * bytes that remain before anything is allocated; UTF-8 is decoded strictly. Problems are {@link WireException}s.
 */
public final class WireReader {

    private final ByteBuffer in;

    private WireReader(byte[] body) {
        this.in = ByteBuffer.wrap(body);
    }

    /** Starts reading a body: checks that it is version 1. */
    public static WireReader of(byte[] body) throws WireException {
        if (body == null) {
            throw new WireException("empty message");
        }
        WireReader r = new WireReader(body);
        int version = r.u8();
        if (version != ModuleWire.VERSION) {
            throw new WireException("module message version " + version + " (this side speaks " + ModuleWire.VERSION + ")");
        }
        return r;
    }

    public int u8() throws WireException {
        need(1);
        return in.get() & 0xFF;
    }

    public boolean bool() throws WireException {
        int v = u8();
        if (v > 1) {
            throw new WireException("boolean " + v);
        }
        return v == 1;
    }

    public long i64() throws WireException {
        need(8);
        return in.getLong();
    }

    public String str() throws WireException {
        need(2);
        int length = in.getShort() & 0xFFFF;
        if (length > ModuleWire.MAX_STRING) {
            throw new WireException("string of " + length + " bytes (at most " + ModuleWire.MAX_STRING + ")");
        }
        need(length);
        ByteBuffer slice = in.slice(in.position(), length);
        in.position(in.position() + length);
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(slice).toString();
        } catch (CharacterCodingException e) {
            throw new WireException("string is not UTF-8");
        }
    }

    /** A string that must not be empty (names, versions). */
    public String name(String what) throws WireException {
        String s = str();
        if (s.isBlank()) {
            throw new WireException(what + " is required");
        }
        return s;
    }

    /** A list count, bounded by {@code max} and by the bytes left (each element takes at least {@code minBytes}). */
    public int count(int max, int minBytes) throws WireException {
        need(2);
        int n = in.getShort() & 0xFFFF;
        if (n > max) {
            throw new WireException("list of " + n + " elements (at most " + max + ")");
        }
        if ((long) n * minBytes > in.remaining()) {
            throw new WireException("list of " + n + " elements in " + in.remaining() + " bytes");
        }
        return n;
    }

    /** Fails unless every byte was read: a message parses exactly or not at all. */
    public void end() throws WireException {
        if (in.hasRemaining()) {
            throw new WireException(in.remaining() + " bytes after the end of the message");
        }
    }

    private void need(int n) throws WireException {
        if (in.remaining() < n) {
            throw new WireException("message ends early");
        }
    }
}
