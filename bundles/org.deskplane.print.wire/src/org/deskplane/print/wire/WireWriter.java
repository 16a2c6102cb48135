package org.deskplane.print.wire;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Writes the primitive fields of a body: big-endian integers, {@code str} = u16 length + UTF-8, lists = u16 count. */
public final class WireWriter {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final DataOutputStream out = new DataOutputStream(bytes);

    /** A writer whose body already starts with the version byte. */
    public static WireWriter body() {
        return new WireWriter().u8(PrintWire.VERSION);
    }

    public WireWriter u8(int v) {
        return io(() -> out.writeByte(v));
    }

    public WireWriter bool(boolean v) {
        return u8(v ? 1 : 0);
    }

    public WireWriter i32(int v) {
        return io(() -> out.writeInt(v));
    }

    public WireWriter i64(long v) {
        return io(() -> out.writeLong(v));
    }

    public WireWriter str(String s) {
        byte[] b = (s == null ? "" : s).getBytes(StandardCharsets.UTF_8);
        if (b.length > PrintWire.MAX_STRING) {
            throw new IllegalArgumentException("string longer than " + PrintWire.MAX_STRING + " bytes");
        }
        return io(() -> {
            out.writeShort(b.length);
            out.write(b);
        });
    }

    public WireWriter strings(List<String> list) {
        count(list.size());
        list.forEach(this::str);
        return this;
    }

    public WireWriter count(int n) {
        if (n > PrintWire.MAX_LIST) {
            throw new IllegalArgumentException("list longer than " + PrintWire.MAX_LIST);
        }
        return io(() -> out.writeShort(n));
    }

    public byte[] toBytes() {
        return bytes.toByteArray();
    }

    private interface Write {
        void run() throws IOException;
    }

    private WireWriter io(Write w) {
        try {
            w.run();
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory failed", e);
        }
        return this;
    }
}
