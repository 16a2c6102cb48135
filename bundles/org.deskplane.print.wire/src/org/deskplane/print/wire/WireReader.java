package org.deskplane.print.wire;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a body from untrusted bytes: every length and count is checked against {@link PrintWire}'s bounds and the
 * bytes that remain before anything is allocated; UTF-8 is decoded strictly. Problems are {@link WireException}s.
 */
public final class WireReader {

    private final ByteBuffer in;

    private WireReader(byte[] body) {
        this.in = ByteBuffer.wrap(body);
    }

    /** Starts reading a body: checks that it is version 1. */
    public static WireReader of(byte[] body) throws WireException {
        WireReader r = new WireReader(body);
        int version = r.u8();
        if (version != PrintWire.VERSION) {
            throw new WireException(PrintWire.UNSUPPORTED_VERSION, "print channel message version " + version
                    + " (this side speaks " + PrintWire.VERSION + ")");
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
            throw invalid("boolean " + v);
        }
        return v == 1;
    }

    public int i32() throws WireException {
        need(4);
        return in.getInt();
    }

    public long i64() throws WireException {
        need(8);
        return in.getLong();
    }

    public String str() throws WireException {
        need(2);
        int length = in.getShort() & 0xFFFF;
        if (length > PrintWire.MAX_STRING) {
            throw invalid("string of " + length + " bytes (at most " + PrintWire.MAX_STRING + ")");
        }
        need(length);
        ByteBuffer slice = in.slice(in.position(), length);
        in.position(in.position() + length);
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(slice).toString();
        } catch (CharacterCodingException e) {
            throw invalid("string is not UTF-8");
        }
    }

    public int count() throws WireException {
        need(2);
        int n = in.getShort() & 0xFFFF;
        if (n > PrintWire.MAX_LIST) {
            throw invalid("list of " + n + " elements (at most " + PrintWire.MAX_LIST + ")");
        }
        return n;
    }

    public List<String> strings() throws WireException {
        int n = count();
        List<String> list = new ArrayList<>(Math.min(n, 64));
        for (int i = 0; i < n; i++) {
            list.add(str());
        }
        return list;
    }

    /** Fails unless every byte was read: a message parses exactly or not at all. */
    public void end() throws WireException {
        if (in.hasRemaining()) {
            throw invalid(in.remaining() + " bytes after the end of the message");
        }
    }

    private void need(int n) throws WireException {
        if (in.remaining() < n) {
            throw invalid("message ends early");
        }
    }

    static WireException invalid(String message) {
        return new WireException(PrintWire.INVALID, message);
    }
}
