package org.deskplane.channel.internal.wire;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Builds a payload field by field (the encoding PayloadReader parses). */
public final class PayloadWriter {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream(64);

    public PayloadWriter u8(int v) {
        out.write(v);
        return this;
    }

    public PayloadWriter u16(int v) {
        if (v < 0 || v > 0xFFFF) {
            throw new IllegalArgumentException("u16 out of range: " + v);
        }
        out.write(v >>> 8);
        out.write(v);
        return this;
    }

    public PayloadWriter u32(int v) {
        out.write(v >>> 24);
        out.write(v >>> 16);
        out.write(v >>> 8);
        out.write(v);
        return this;
    }

    public PayloadWriter u64(long v) {
        return u32((int) (v >>> 32)).u32((int) v);
    }

    public PayloadWriter str(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        u16(b.length);
        out.writeBytes(b);
        return this;
    }

    public PayloadWriter bytes(byte[] b) {
        out.writeBytes(b);
        return this;
    }

    public byte[] toByteArray() {
        return out.toByteArray();
    }
}
