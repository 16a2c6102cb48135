package org.deskplane.ipp;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads one IPP message from a stream, up to and including its end-of-attributes tag, and not one byte
 * further: what follows (the document of a Print-Job) is left in the stream for the caller. Bounded by
 * {@link IppLimits}; every problem is an {@link IppParseException} with the status code to answer.
 */
public final class IppReader {

    private final InputStream in;
    private final IppLimits limits;
    private int headerBytes;
    private int attributes;
    private int values;
    private int requestId;

    private IppReader(InputStream in, IppLimits limits) {
        this.in = in;
        this.limits = limits;
    }

    /** Reads a message with the {@linkplain IppLimits#DEFAULT default limits}. */
    public static IppMessage read(InputStream in) throws IOException {
        return read(in, IppLimits.DEFAULT);
    }

    /**
     * Reads a message. The stream is read exactly up to the end-of-attributes tag (no read-ahead), so wrap it
     * in a buffered stream yourself if you want buffering, and read the document from that same stream.
     */
    public static IppMessage read(InputStream in, IppLimits limits) throws IOException {
        return new IppReader(in, limits).message();
    }

    /** Reads a message held in {@code bytes}; bytes after the end-of-attributes tag are ignored. */
    public static IppMessage read(byte[] bytes, IppLimits limits) throws IOException {
        return read(new ByteArrayInputStream(bytes), limits);
    }

    private IppMessage message() throws IOException {
        int major = u8("version");
        int minor = u8("version");
        int code = u16("operation-id/status-code");
        requestId = s32("request-id");
        if (major != 1 && major != 2) {
            throw new IppParseException(IppStatus.SERVER_ERROR_VERSION_NOT_SUPPORTED, requestId,
                    "IPP version " + major + "." + minor + " is not supported (1.x and 2.x are)");
        }
        List<AttributeGroup> groups = new ArrayList<>();
        int groupTag = -1;
        List<IppAttribute> group = null;
        String name = null;
        List<IppValue> attributeValues = null;
        while (true) {
            int tag = u8("tag");
            if (IppTags.isDelimiter(tag)) {
                if (group != null) {
                    flush(group, name, attributeValues);
                    groups.add(new AttributeGroup(groupTag, group));
                }
                if (tag == IppTags.END_OF_ATTRIBUTES) {
                    return new IppMessage(major, minor, code, requestId, groups);
                }
                if (tag == 0x00) {
                    throw bad("reserved delimiter tag 0x00");
                }
                groupTag = tag;
                group = new ArrayList<>();
                name = null;
                attributeValues = null;
                continue;
            }
            if (group == null) {
                throw bad("attribute before any attribute group tag");
            }
            checkValueTagAtTop(tag);
            String attributeName = string(u16("name-length"), limits.maxNameLength(), "attribute name");
            IppValue value = value(tag, 0);
            countValue();
            if (attributeName.isEmpty()) {
                if (attributeValues == null) {
                    throw bad("additional value (empty name) without an attribute before it");
                }
                attributeValues.add(value);
            } else {
                flush(group, name, attributeValues);
                countAttribute();
                name = attributeName;
                attributeValues = new ArrayList<>();
                attributeValues.add(value);
            }
        }
    }

    private void checkValueTagAtTop(int tag) throws IppParseException {
        if (tag == IppTags.EXTENSION) {
            throw bad("extension tag 0x7F is not supported");
        }
        if (tag == IppTags.END_COLLECTION || tag == IppTags.MEMBER_ATTR_NAME) {
            throw bad(IppTags.name(tag) + " outside a collection");
        }
    }

    private static void flush(List<IppAttribute> group, String name, List<IppValue> values) {
        if (name != null) {
            group.add(new IppAttribute(name, values));
        }
    }

    private IppValue value(int tag, int depth) throws IOException {
        int length = u16("value-length");
        if (length > limits.maxValueLength()) {
            throw new IppParseException(IppStatus.CLIENT_ERROR_REQUEST_VALUE_TOO_LONG, requestId,
                    IppTags.name(tag) + " value of " + length + " bytes is over the limit of " + limits.maxValueLength());
        }
        if (tag == IppTags.BEGIN_COLLECTION) {
            bytes(length); // RFC 8010: empty; tolerated and ignored when not
            return collection(depth + 1);
        }
        byte[] b = bytes(length);
        try {
            return decode(tag, b);
        } catch (IllegalArgumentException | DateTimeException e) {
            throw bad("invalid " + IppTags.name(tag) + " value: " + e.getMessage());
        }
    }

    private IppValue decode(int tag, byte[] b) throws IppParseException {
        if (IppTags.isOutOfBand(tag)) {
            return new IppValue.OutOfBandValue(tag);
        }
        ByteBuffer buf = ByteBuffer.wrap(b);
        switch (tag) {
            case IppTags.INTEGER, IppTags.ENUM:
                expectLength(tag, b, 4);
                return new IppValue.IntegerValue(tag, buf.getInt());
            case IppTags.BOOLEAN:
                expectLength(tag, b, 1);
                if (b[0] != 0 && b[0] != 1) {
                    throw bad("boolean value must be 0 or 1, was " + b[0]);
                }
                return new IppValue.BooleanValue(b[0] == 1);
            case IppTags.DATE_TIME:
                expectLength(tag, b, 11);
                return new IppValue.DateTimeValue(dateTime(buf));
            case IppTags.RESOLUTION:
                expectLength(tag, b, 9);
                return new IppValue.ResolutionValue(buf.getInt(), buf.getInt(), buf.get());
            case IppTags.RANGE_OF_INTEGER:
                expectLength(tag, b, 8);
                return new IppValue.RangeValue(buf.getInt(), buf.getInt());
            case IppTags.TEXT_WITH_LANGUAGE, IppTags.NAME_WITH_LANGUAGE:
                return withLanguage(tag, buf);
            default:
                if (IppTags.isString(tag)) {
                    return new IppValue.StringValue(tag, utf8(b, IppTags.name(tag)));
                }
                return new IppValue.OctetsValue(tag, b);
        }
    }

    private IppValue withLanguage(int tag, ByteBuffer buf) throws IppParseException {
        String language = lengthPrefixed(buf, tag);
        String text = lengthPrefixed(buf, tag);
        if (buf.hasRemaining()) {
            throw bad(IppTags.name(tag) + " has " + buf.remaining() + " bytes after its text");
        }
        return new IppValue.StringWithLanguage(tag, language, text);
    }

    private String lengthPrefixed(ByteBuffer buf, int tag) throws IppParseException {
        if (buf.remaining() < 2) {
            throw bad(IppTags.name(tag) + " value is truncated");
        }
        int n = Short.toUnsignedInt(buf.getShort());
        if (n > buf.remaining()) {
            throw bad(IppTags.name(tag) + " inner length " + n + " exceeds its value");
        }
        byte[] b = new byte[n];
        buf.get(b);
        return utf8(b, IppTags.name(tag));
    }

    private OffsetDateTime dateTime(ByteBuffer buf) throws IppParseException {
        int year = Short.toUnsignedInt(buf.getShort());
        int month = buf.get();
        int day = buf.get();
        int hour = buf.get();
        int minute = buf.get();
        int second = buf.get();
        int deci = buf.get();
        char direction = (char) buf.get();
        int offsetHours = buf.get();
        int offsetMinutes = buf.get();
        if (direction != '+' && direction != '-' || deci < 0 || deci > 9) {
            throw bad("invalid dateTime value");
        }
        int sign = direction == '-' ? -1 : 1;
        ZoneOffset offset = ZoneOffset.ofHoursMinutes(sign * offsetHours, sign * offsetMinutes);
        return OffsetDateTime.of(year, month, day, hour, minute, second, deci * 100_000_000, offset);
    }

    private IppValue collection(int depth) throws IOException {
        if (depth > limits.maxDepth()) {
            throw bad("collections nested deeper than " + limits.maxDepth());
        }
        List<IppAttribute> members = new ArrayList<>();
        String member = null;
        List<IppValue> memberValues = null;
        while (true) {
            int tag = u8("tag");
            if (IppTags.isDelimiter(tag)) {
                throw bad("attribute group ends inside a collection (" + IppTags.name(tag) + ")");
            }
            if (tag == IppTags.EXTENSION) {
                throw bad("extension tag 0x7F is not supported");
            }
            int nameLength = u16("name-length");
            if (nameLength != 0) {
                throw bad("a value inside a collection has a name (" + nameLength + " bytes); members are named by memberAttrName");
            }
            if (tag == IppTags.END_COLLECTION) {
                bytes(checkedLength(tag));
                requireValues(member, memberValues);
                flush(members, member, memberValues);
                return new IppValue.CollectionValue(members);
            }
            if (tag == IppTags.MEMBER_ATTR_NAME) {
                String name = string(u16("value-length"), limits.maxNameLength(), "member name");
                if (name.isEmpty()) {
                    throw bad("empty memberAttrName");
                }
                requireValues(member, memberValues);
                flush(members, member, memberValues);
                countAttribute();
                member = name;
                memberValues = new ArrayList<>();
                continue;
            }
            if (memberValues == null) {
                throw bad(IppTags.name(tag) + " value inside a collection before any memberAttrName");
            }
            memberValues.add(value(tag, depth));
            countValue();
        }
    }

    private void requireValues(String member, List<IppValue> memberValues) throws IppParseException {
        if (member != null && memberValues.isEmpty()) {
            throw bad("collection member " + member + " has no value");
        }
    }

    private int checkedLength(int tag) throws IOException {
        int length = u16("value-length");
        if (length > limits.maxValueLength()) {
            throw new IppParseException(IppStatus.CLIENT_ERROR_REQUEST_VALUE_TOO_LONG, requestId,
                    IppTags.name(tag) + " value too long");
        }
        return length;
    }

    private void expectLength(int tag, byte[] b, int expected) throws IppParseException {
        if (b.length != expected) {
            throw bad(IppTags.name(tag) + " value must be " + expected + " bytes, was " + b.length);
        }
    }

    private void countAttribute() throws IppParseException {
        if (++attributes > limits.maxAttributes()) {
            throw new IppParseException(IppStatus.CLIENT_ERROR_REQUEST_ENTITY_TOO_LARGE, requestId,
                    "more than " + limits.maxAttributes() + " attributes");
        }
    }

    private void countValue() throws IppParseException {
        if (++values > limits.maxValues()) {
            throw new IppParseException(IppStatus.CLIENT_ERROR_REQUEST_ENTITY_TOO_LARGE, requestId,
                    "more than " + limits.maxValues() + " values");
        }
    }

    private String string(int length, int max, String what) throws IOException {
        if (length > max) {
            throw new IppParseException(IppStatus.CLIENT_ERROR_REQUEST_VALUE_TOO_LONG, requestId,
                    what + " of " + length + " bytes is over the limit of " + max);
        }
        return utf8(bytes(length), what);
    }

    private String utf8(byte[] b, String what) throws IppParseException {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(b)).toString();
        } catch (CharacterCodingException e) {
            throw bad(what + " is not valid UTF-8");
        }
    }

    private byte[] bytes(int n) throws IOException {
        consume(n);
        byte[] b = in.readNBytes(n);
        if (b.length < n) {
            throw truncated("value");
        }
        return b;
    }

    private int u8(String what) throws IOException {
        consume(1);
        int b = in.read();
        if (b < 0) {
            throw truncated(what);
        }
        return b;
    }

    private int u16(String what) throws IOException {
        return u8(what) << 8 | u8(what);
    }

    private int s32(String what) throws IOException {
        return u16(what) << 16 | u16(what);
    }

    private void consume(int n) throws IppParseException {
        headerBytes += n;
        if (headerBytes > limits.maxHeaderBytes()) {
            throw new IppParseException(IppStatus.CLIENT_ERROR_REQUEST_ENTITY_TOO_LARGE, requestId,
                    "attributes are longer than " + limits.maxHeaderBytes() + " bytes");
        }
    }

    private IppParseException truncated(String what) {
        return bad("message ends in its " + what + " after " + headerBytes + " bytes, before the end-of-attributes tag");
    }

    private IppParseException bad(String message) {
        return new IppParseException(IppStatus.CLIENT_ERROR_BAD_REQUEST, requestId, message);
    }
}
