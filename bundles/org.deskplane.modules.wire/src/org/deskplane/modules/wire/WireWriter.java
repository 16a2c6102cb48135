package org.deskplane.modules.wire;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Writes the fields of a body: big-endian integers, {@code str} = u16 length + UTF-8, lists = u16 count. */
public final class WireWriter {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    /** A writer whose body already starts with the version byte. */
    public static WireWriter body() {
        return new WireWriter().u8(ModuleWire.VERSION);
    }

    public WireWriter u8(int v) {
        bytes.write(v);
        return this;
    }

    public WireWriter bool(boolean v) {
        return u8(v ? 1 : 0);
    }

    public WireWriter i64(long v) {
        for (int shift = 56; shift >= 0; shift -= 8) {
            bytes.write((int) (v >>> shift));
        }
        return this;
    }

    /** Writes a string; one longer than {@link ModuleWire#MAX_STRING} bytes is cut (at a character boundary). */
    public WireWriter str(String s) {
        byte[] b = fit(s == null ? "" : s);
        bytes.write(b.length >>> 8);
        bytes.write(b.length);
        bytes.writeBytes(b);
        return this;
    }

    public WireWriter count(int n) {
        if (n < 0 || n > 0xFFFF) {
            throw new IllegalArgumentException("list of " + n + " elements");
        }
        bytes.write(n >>> 8);
        bytes.write(n);
        return this;
    }

    public int size() {
        return bytes.size();
    }

    public byte[] toBytes() {
        return bytes.toByteArray();
    }

    // messages for humans may be long (a stack of causes): better cut than refuse to answer
    private static byte[] fit(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        if (b.length <= ModuleWire.MAX_STRING) {
            return b;
        }
        int end = s.length();
        while (end > 0 && s.substring(0, end).getBytes(StandardCharsets.UTF_8).length > ModuleWire.MAX_STRING - 3) {
            end = Math.max(0, end - Math.max(1, (end / 16)));
            if (end > 0 && Character.isHighSurrogate(s.charAt(end - 1))) {
                end--;
            }
        }
        return (s.substring(0, end) + "…").getBytes(StandardCharsets.UTF_8);
    }
}
