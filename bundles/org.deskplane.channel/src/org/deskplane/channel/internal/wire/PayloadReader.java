package org.deskplane.channel.internal.wire;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.deskplane.channel.api.ChannelException;

/** Parses a payload field by field; every read is checked against the bytes that remain. */
public final class PayloadReader {

    private final byte[] data;
    private int pos;

    public PayloadReader(byte[] data) {
        this.data = data;
    }

    private void need(int n, String what) throws ProtocolException {
        if (n < 0 || data.length - pos < n) {
            throw new ProtocolException(ChannelException.PROTOCOL_ERROR, "malformed payload: " + what + " runs past the end");
        }
    }

    public int u8() throws ProtocolException {
        need(1, "u8");
        return data[pos++] & 0xFF;
    }

    public int u16() throws ProtocolException {
        need(2, "u16");
        int v = ((data[pos] & 0xFF) << 8) | (data[pos + 1] & 0xFF);
        pos += 2;
        return v;
    }

    public int u32() throws ProtocolException {
        need(4, "u32");
        int v = FrameCodec.int32(data, pos);
        pos += 4;
        return v;
    }

    public long u64() throws ProtocolException {
        return ((long) u32() << 32) | (u32() & 0xFFFF_FFFFL);
    }

    public byte[] bytes(int n) throws ProtocolException {
        need(n, "byte field");
        byte[] b = Arrays.copyOfRange(data, pos, pos + n);
        pos += n;
        return b;
    }

    public String str() throws ProtocolException {
        int n = u16();
        need(n, "string");
        try {
            String s = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(data, pos, n)).toString();
            pos += n;
            return s;
        } catch (CharacterCodingException e) {
            throw new ProtocolException(ChannelException.PROTOCOL_ERROR, "malformed payload: invalid UTF-8 in a string");
        }
    }

    public byte[] rest() {
        byte[] b = Arrays.copyOfRange(data, pos, data.length);
        pos = data.length;
        return b;
    }

    public void end() throws ProtocolException {
        if (pos != data.length) {
            throw new ProtocolException(ChannelException.PROTOCOL_ERROR,
                    "malformed payload: " + (data.length - pos) + " unexpected trailing bytes");
        }
    }
}
