package org.deskplane.ipp;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;

/** Writes an {@link IppMessage} in the RFC 8010 encoding, ending with the end-of-attributes tag. */
public final class IppWriter {

    private static final int MAX_LENGTH = 0x7FFF; // names and values are at most 32767 bytes on the wire

    private final DataOutputStream out;

    private IppWriter(OutputStream out) {
        this.out = new DataOutputStream(out);
    }

    /** Writes {@code message}; the caller then writes the document data, if any, to the same stream. */
    public static void write(IppMessage message, OutputStream out) throws IOException {
        new IppWriter(out).message(message);
    }

    public static byte[] toBytes(IppMessage message) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            write(message, bytes);
        } catch (IOException e) {
            throw new IllegalStateException("writing to memory failed", e);
        }
        return bytes.toByteArray();
    }

    private void message(IppMessage m) throws IOException {
        out.writeByte(m.versionMajor());
        out.writeByte(m.versionMinor());
        out.writeShort(m.code());
        out.writeInt(m.requestId());
        for (AttributeGroup group : m.groups()) {
            out.writeByte(group.tag());
            for (IppAttribute attribute : group.attributes()) {
                attribute(attribute);
            }
        }
        out.writeByte(IppTags.END_OF_ATTRIBUTES);
        out.flush();
    }

    private void attribute(IppAttribute attribute) throws IOException {
        boolean first = true;
        for (IppValue value : attribute.values()) {
            out.writeByte(value.tag());
            lengthPrefixed(first ? utf8(attribute.name()) : new byte[0]);
            value(value);
            first = false;
        }
    }

    private void value(IppValue value) throws IOException {
        switch (value) {
            case IppValue.IntegerValue i -> {
                out.writeShort(4);
                out.writeInt(i.value());
            }
            case IppValue.BooleanValue b -> {
                out.writeShort(1);
                out.writeByte(b.value() ? 1 : 0);
            }
            case IppValue.StringValue s -> lengthPrefixed(utf8(s.value()));
            case IppValue.StringWithLanguage s -> {
                byte[] language = utf8(s.language());
                byte[] text = utf8(s.value());
                checkLength(4 + language.length + text.length);
                out.writeShort(4 + language.length + text.length);
                lengthPrefixed(language);
                lengthPrefixed(text);
            }
            case IppValue.OctetsValue o -> lengthPrefixed(o.value());
            case IppValue.DateTimeValue d -> dateTime(d.value());
            case IppValue.ResolutionValue r -> {
                out.writeShort(9);
                out.writeInt(r.crossFeed());
                out.writeInt(r.feed());
                out.writeByte(r.units());
            }
            case IppValue.RangeValue r -> {
                out.writeShort(8);
                out.writeInt(r.lower());
                out.writeInt(r.upper());
            }
            case IppValue.CollectionValue c -> collection(c);
            case IppValue.OutOfBandValue o -> out.writeShort(0);
        }
    }

    private void collection(IppValue.CollectionValue c) throws IOException {
        out.writeShort(0); // begCollection value: empty
        for (IppAttribute member : c.members()) {
            out.writeByte(IppTags.MEMBER_ATTR_NAME);
            out.writeShort(0);
            lengthPrefixed(utf8(member.name()));
            for (IppValue v : member.values()) {
                out.writeByte(v.tag());
                out.writeShort(0);
                value(v);
            }
        }
        out.writeByte(IppTags.END_COLLECTION);
        out.writeShort(0);
        out.writeShort(0);
    }

    private void dateTime(OffsetDateTime t) throws IOException {
        out.writeShort(11);
        out.writeShort(t.getYear());
        out.writeByte(t.getMonthValue());
        out.writeByte(t.getDayOfMonth());
        out.writeByte(t.getHour());
        out.writeByte(t.getMinute());
        out.writeByte(t.getSecond());
        out.writeByte(t.getNano() / 100_000_000);
        int offsetSeconds = t.getOffset().getTotalSeconds();
        out.writeByte(offsetSeconds < 0 ? '-' : '+');
        int abs = Math.abs(offsetSeconds);
        out.writeByte(abs / 3600);
        out.writeByte(abs % 3600 / 60);
    }

    private void lengthPrefixed(byte[] b) throws IOException {
        checkLength(b.length);
        out.writeShort(b.length);
        out.write(b);
    }

    private static void checkLength(int length) {
        if (length > MAX_LENGTH) {
            throw new IllegalArgumentException("an IPP name or value is at most " + MAX_LENGTH + " bytes, not " + length);
        }
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
