package org.deskplane.ipp.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.deskplane.ipp.IppAttribute;
import org.deskplane.ipp.IppLimits;
import org.deskplane.ipp.IppMessage;
import org.deskplane.ipp.IppOperation;
import org.deskplane.ipp.IppParseException;
import org.deskplane.ipp.IppReader;
import org.deskplane.ipp.IppStatus;
import org.deskplane.ipp.IppTags;
import org.deskplane.ipp.IppValue;
import org.deskplane.ipp.IppWriter;
import org.junit.jupiter.api.Test;

/** Malformed and oversized input: each is refused with the status code a printer answers with. */
class IppMalformedInputTest {

    /** Hand-assembled bytes, so a test can write what {@link IppWriter} never would. */
    private static final class Bytes {
        final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        final DataOutputStream out = new DataOutputStream(buffer);

        Bytes header(int major, int requestId) throws IOException {
            out.writeByte(major);
            out.writeByte(0);
            out.writeShort(IppOperation.PRINT_JOB);
            out.writeInt(requestId);
            return this;
        }

        Bytes tag(int tag) throws IOException {
            out.writeByte(tag);
            return this;
        }

        Bytes value(int tag, String name, byte[] value) throws IOException {
            out.writeByte(tag);
            byte[] n = name.getBytes(StandardCharsets.UTF_8);
            out.writeShort(n.length);
            out.write(n);
            out.writeShort(value.length);
            out.write(value);
            return this;
        }

        byte[] bytes() {
            return buffer.toByteArray();
        }
    }

    private static IppParseException refused(byte[] bytes) {
        return refused(bytes, IppLimits.DEFAULT);
    }

    private static IppParseException refused(byte[] bytes, IppLimits limits) {
        return assertThrows(IppParseException.class, () -> IppReader.read(bytes, limits));
    }

    @Test
    void truncatedHeader() {
        IppParseException e = refused(new byte[] {2, 0, 0});
        assertEquals(IppStatus.CLIENT_ERROR_BAD_REQUEST, e.statusCode());
        assertTrue(e.getMessage().contains("client-error-bad-request"), e.getMessage());
    }

    @Test
    void missingEndOfAttributes() throws IOException {
        byte[] b = new Bytes().header(2, 7).tag(IppTags.OPERATION_ATTRIBUTES)
                .value(IppTags.KEYWORD, "a", "b".getBytes(StandardCharsets.US_ASCII)).bytes();
        IppParseException e = refused(b);
        assertEquals(IppStatus.CLIENT_ERROR_BAD_REQUEST, e.statusCode());
        assertEquals(7, e.requestId());
        assertTrue(e.getMessage().contains("end-of-attributes"), e.getMessage());
    }

    @Test
    void unsupportedVersionKeepsTheRequestId() throws IOException {
        IppParseException e = refused(new Bytes().header(3, 99).tag(IppTags.END_OF_ATTRIBUTES).bytes());
        assertEquals(IppStatus.SERVER_ERROR_VERSION_NOT_SUPPORTED, e.statusCode());
        assertEquals(99, e.requestId());
    }

    @Test
    void valueBeforeAnyGroup() throws IOException {
        assertEquals(IppStatus.CLIENT_ERROR_BAD_REQUEST,
                refused(new Bytes().header(2, 1).value(IppTags.KEYWORD, "a", new byte[] {'x'}).tag(3).bytes()).statusCode());
    }

    @Test
    void additionalValueWithoutAttribute() throws IOException {
        assertEquals(IppStatus.CLIENT_ERROR_BAD_REQUEST, refused(new Bytes().header(2, 1).tag(1)
                .value(IppTags.KEYWORD, "", new byte[] {'x'}).tag(3).bytes()).statusCode());
    }

    @Test
    void wrongFixedLengths() throws IOException {
        for (int tag : new int[] {IppTags.INTEGER, IppTags.ENUM, IppTags.BOOLEAN, IppTags.DATE_TIME,
                IppTags.RESOLUTION, IppTags.RANGE_OF_INTEGER}) {
            IppParseException e = refused(new Bytes().header(2, 1).tag(1).value(tag, "a", new byte[3]).tag(3).bytes());
            assertEquals(IppStatus.CLIENT_ERROR_BAD_REQUEST, e.statusCode(), IppTags.name(tag));
        }
    }

    @Test
    void invalidValues() throws IOException {
        byte[][] values = {
                {2}, // boolean 2
                {0, 0, 0, 5, 0, 0, 0, 1}, // range 5..1
                {0, 0, 0, 1, 0, 0, 0, 1, 9}, // resolution units 9
                {0x07, (byte) 0xEA, 13, 1, 0, 0, 0, 0, '+', 0, 0}, // month 13
                {(byte) 0xC3, 0x28}, // invalid UTF-8 keyword
                {0, 5, 'e', 'n'}, // textWithLanguage inner length over the value
        };
        int[] tags = {IppTags.BOOLEAN, IppTags.RANGE_OF_INTEGER, IppTags.RESOLUTION, IppTags.DATE_TIME,
                IppTags.KEYWORD, IppTags.TEXT_WITH_LANGUAGE};
        for (int i = 0; i < tags.length; i++) {
            IppParseException e = refused(new Bytes().header(2, 1).tag(1).value(tags[i], "a", values[i]).tag(3).bytes());
            assertEquals(IppStatus.CLIENT_ERROR_BAD_REQUEST, e.statusCode(), IppTags.name(tags[i]));
        }
    }

    @Test
    void collectionStructureErrors() throws IOException {
        // endCollection at top level
        assertEquals(IppStatus.CLIENT_ERROR_BAD_REQUEST, refused(new Bytes().header(2, 1).tag(1)
                .value(IppTags.END_COLLECTION, "", new byte[0]).tag(3).bytes()).statusCode());
        // value inside a collection before a memberAttrName
        assertEquals(IppStatus.CLIENT_ERROR_BAD_REQUEST, refused(new Bytes().header(2, 1).tag(1)
                .value(IppTags.BEGIN_COLLECTION, "c", new byte[0]).value(IppTags.INTEGER, "", new byte[4])
                .value(IppTags.END_COLLECTION, "", new byte[0]).tag(3).bytes()).statusCode());
        // a named value inside a collection
        assertEquals(IppStatus.CLIENT_ERROR_BAD_REQUEST, refused(new Bytes().header(2, 1).tag(1)
                .value(IppTags.BEGIN_COLLECTION, "c", new byte[0]).value(IppTags.MEMBER_ATTR_NAME, "x", "m".getBytes())
                .tag(3).bytes()).statusCode());
        // group delimiter inside a collection (unterminated)
        assertEquals(IppStatus.CLIENT_ERROR_BAD_REQUEST, refused(new Bytes().header(2, 1).tag(1)
                .value(IppTags.BEGIN_COLLECTION, "c", new byte[0]).tag(3).bytes()).statusCode());
        // a member without a value (found by the fuzz loop)
        assertEquals(IppStatus.CLIENT_ERROR_BAD_REQUEST, refused(new Bytes().header(2, 1).tag(1)
                .value(IppTags.BEGIN_COLLECTION, "c", new byte[0]).value(IppTags.MEMBER_ATTR_NAME, "", "m".getBytes())
                .value(IppTags.END_COLLECTION, "", new byte[0]).tag(3).bytes()).statusCode());
        // extension tag
        assertEquals(IppStatus.CLIENT_ERROR_BAD_REQUEST, refused(new Bytes().header(2, 1).tag(1)
                .value(IppTags.EXTENSION, "x", new byte[4]).tag(3).bytes()).statusCode());
    }

    @Test
    void limitOnNesting() {
        IppValue v = new IppValue.IntegerValue(IppTags.INTEGER, 1);
        IppAttribute inner = IppAttribute.of("leaf", v);
        for (int i = 0; i < 5; i++) {
            inner = IppAttribute.collection("level" + i, inner);
        }
        byte[] bytes = IppWriter.toBytes(IppMessage.request(IppOperation.PRINT_JOB, 1).add(inner).build());
        IppParseException e = refused(bytes, new IppLimits(1 << 20, 100, 100, 255, 1000, 4));
        assertEquals(IppStatus.CLIENT_ERROR_BAD_REQUEST, e.statusCode());
        assertTrue(e.getMessage().contains("nested"), e.getMessage());
    }

    @Test
    void limitOnAttributesValuesAndHeaderSize() {
        IppMessage.Builder many = IppMessage.request(IppOperation.PRINT_JOB, 1);
        for (int i = 0; i < 50; i++) {
            many.add(IppAttribute.integer("a" + i, 1, 2, 3));
        }
        byte[] bytes = IppWriter.toBytes(many.build());
        assertEquals(IppStatus.CLIENT_ERROR_REQUEST_ENTITY_TOO_LARGE,
                refused(bytes, new IppLimits(1 << 20, 40, 1000, 255, 1000, 4)).statusCode());
        assertEquals(IppStatus.CLIENT_ERROR_REQUEST_ENTITY_TOO_LARGE,
                refused(bytes, new IppLimits(1 << 20, 1000, 100, 255, 1000, 4)).statusCode());
        assertEquals(IppStatus.CLIENT_ERROR_REQUEST_ENTITY_TOO_LARGE,
                refused(bytes, new IppLimits(500, 1000, 1000, 255, 1000, 4)).statusCode());
    }

    @Test
    void limitOnNameAndValueLength() throws IOException {
        char[] longName = new char[300];
        Arrays.fill(longName, 'n');
        assertEquals(IppStatus.CLIENT_ERROR_REQUEST_VALUE_TOO_LONG, refused(new Bytes().header(2, 1).tag(1)
                .value(IppTags.KEYWORD, new String(longName), new byte[] {'x'}).tag(3).bytes()).statusCode());
        assertEquals(IppStatus.CLIENT_ERROR_REQUEST_VALUE_TOO_LONG, refused(new Bytes().header(2, 1).tag(1)
                .value(IppTags.TEXT_WITHOUT_LANGUAGE, "t", new byte[2000]).tag(3).bytes(),
                new IppLimits(1 << 20, 100, 100, 255, 1023, 4)).statusCode());
    }

    @Test
    void writerRefusesOverlongValues() {
        char[] big = new char[40000];
        Arrays.fill(big, 'x');
        IppMessage m = IppMessage.request(IppOperation.PRINT_JOB, 1).add(IppAttribute.text("t", new String(big))).build();
        assertThrows(IllegalArgumentException.class, () -> IppWriter.toBytes(m));
    }
}
