package org.deskplane.delivery.wire;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.TreeMap;

/**
 * One message body: string keys and values. Read with {@link #MAX_BYTES} as bound, so a peer cannot make the other
 * side allocate without limit; missing or malformed values give a {@link WireException} naming the key.
 */
public final class WireMessage {
    public static final int MAX_BYTES = 1 << 20;
    private final TreeMap<String, String> values = new TreeMap<>();

    public WireMessage put(String key, Object value) {
        if (value != null) {
            values.put(key, value.toString());
        }
        return this;
    }

    public String str(String key) throws WireException {
        String v = values.get(key);
        if (v == null) {
            throw new WireException("message lacks '" + key + "'");
        }
        return v;
    }

    public String str(String key, String dflt) {
        return values.getOrDefault(key, dflt);
    }

    public boolean has(String key) {
        return values.containsKey(key);
    }

    public long num(String key) throws WireException {
        try {
            return Long.parseLong(str(key));
        } catch (NumberFormatException e) {
            throw new WireException("'" + key + "' is not a number");
        }
    }

    public int count(String key, int max) throws WireException {
        long n = has(key) ? num(key) : 0;
        if (n < 0 || n > max) {
            throw new WireException("'" + key + "' out of range 0.." + max + ": " + n);
        }
        return (int) n;
    }

    public byte[] toBytes() {
        Properties p = new Properties();
        p.putAll(values);
        StringWriter out = new StringWriter();
        try {
            p.store(out, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // store() starts with a date comment: drop it so equal messages are equal bytes
        String text = out.toString();
        if (text.startsWith("#")) {
            text = text.substring(text.indexOf('\n') + 1);
        }
        return text.getBytes(StandardCharsets.UTF_8);
    }

    public static WireMessage parse(byte[] body) throws WireException {
        if (body == null) {
            throw new WireException("empty message");
        }
        if (body.length > MAX_BYTES) {
            throw new WireException("message larger than " + MAX_BYTES + " bytes");
        }
        Properties p = new Properties();
        try {
            p.load(new InputStreamReader(new ByteArrayInputStream(body), StandardCharsets.UTF_8));
        } catch (IOException | IllegalArgumentException e) {
            throw new WireException("malformed message: " + e.getMessage());
        }
        WireMessage m = new WireMessage();
        p.forEach((k, v) -> m.values.put((String) k, (String) v));
        return m;
    }
}
