package org.deskplane.ipp.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import org.deskplane.ipp.AttributeGroup;
import org.deskplane.ipp.IppAttribute;
import org.deskplane.ipp.IppLimits;
import org.deskplane.ipp.IppMessage;
import org.deskplane.ipp.IppOperation;
import org.deskplane.ipp.IppReader;
import org.deskplane.ipp.IppTags;
import org.deskplane.ipp.IppValue;
import org.deskplane.ipp.IppWriter;
import org.junit.jupiter.api.Test;

class IppRoundTripTest {

    /** A message with a value of every tag this package knows, 1setOfs, nested collections, out-of-band values. */
    static IppMessage everyValueTag() {
        IppAttribute mediaCol = IppAttribute.collection("media-col",
                IppAttribute.collection("media-size", IppAttribute.integer("x-dimension", 21000),
                        IppAttribute.integer("y-dimension", 29700)),
                IppAttribute.keyword("media-type", "stationery"),
                IppAttribute.integer("media-left-margin", 0, 300));
        return IppMessage.request(IppOperation.PRINT_JOB, 42)
                .add(IppAttribute.uri("printer-uri", "ipp://localhost:631/printers/p"),
                        IppAttribute.name("requesting-user-name", "zoë"),
                        IppAttribute.of("job-name", new IppValue.StringWithLanguage(IppTags.NAME_WITH_LANGUAGE, "fr-ca", "Relevé")),
                        IppAttribute.mimeType("document-format", "application/pdf"),
                        IppAttribute.strings(IppTags.URI_SCHEME, "uri-scheme", List.of("ipp")),
                        IppAttribute.bool("ipp-attribute-fidelity", true))
                .group(IppTags.JOB_ATTRIBUTES)
                .add(IppAttribute.integer("copies", 3),
                        IppAttribute.enumeration("orientation-requested", 3, 4),
                        IppAttribute.keyword("sides", "two-sided-long-edge"),
                        IppAttribute.of("page-ranges", new IppValue.RangeValue(1, 2), new IppValue.RangeValue(5, 9)),
                        IppAttribute.of("printer-resolution", new IppValue.ResolutionValue(600, 1200, 3)),
                        IppAttribute.of("job-hold-until-time", new IppValue.DateTimeValue(
                                OffsetDateTime.of(2026, 11, 22, 5, 6, 7, 800_000_000, ZoneOffset.ofHoursMinutes(-5, -30)))),
                        IppAttribute.of("job-password", new IppValue.OctetsValue(IppTags.OCTET_STRING, new byte[] {0, 1, (byte) 0xFF})),
                        IppAttribute.of("vendor-integer-like", new IppValue.OctetsValue(0x2F, new byte[] {1, 2})),
                        IppAttribute.of("vendor-string-like", new IppValue.OctetsValue(0x4F, "x".getBytes(StandardCharsets.UTF_8))),
                        IppAttribute.of("job-message", new IppValue.StringWithLanguage(IppTags.TEXT_WITH_LANGUAGE, "en", "hello")),
                        IppAttribute.text("job-message-to-operator", "text"),
                        mediaCol,
                        IppAttribute.of("finishings-col", new IppValue.CollectionValue(List.of(IppAttribute.enumeration("finishings", 4))),
                                new IppValue.CollectionValue(List.of(IppAttribute.enumeration("finishings", 5)))))
                .group(IppTags.PRINTER_ATTRIBUTES)
                .add(IppAttribute.of("printer-state-message", new IppValue.OutOfBandValue(IppTags.NO_VALUE)),
                        IppAttribute.of("a", new IppValue.OutOfBandValue(IppTags.UNKNOWN)),
                        IppAttribute.of("b", new IppValue.OutOfBandValue(IppTags.UNSUPPORTED)),
                        IppAttribute.of("c", new IppValue.OutOfBandValue(IppTags.NOT_SETTABLE)),
                        IppAttribute.of("d", new IppValue.OutOfBandValue(IppTags.DELETE_ATTRIBUTE)),
                        IppAttribute.of("e", new IppValue.OutOfBandValue(IppTags.ADMIN_DEFINE)),
                        IppAttribute.strings(IppTags.CHARSET, "charset-supported", List.of("utf-8", "us-ascii")),
                        IppAttribute.strings(IppTags.NATURAL_LANGUAGE, "generated-natural-language-supported", List.of("en")))
                .group(IppTags.UNSUPPORTED_ATTRIBUTES)
                .group(IppTags.DOCUMENT_ATTRIBUTES).add(IppAttribute.integer("document-number", 1))
                .build();
    }

    @Test
    void everyValueTagRoundTrips() throws Exception {
        IppMessage message = everyValueTag();
        byte[] bytes = IppWriter.toBytes(message);
        IppMessage read = IppReader.read(bytes, IppLimits.DEFAULT);
        assertEquals(message, read);
        assertArrayEquals(bytes, IppWriter.toBytes(read));
    }

    @Test
    void readerStopsAtEndOfAttributesAndLeavesTheDocument() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        IppWriter.write(everyValueTag(), out);
        out.write("%PDF-1.7 document".getBytes(StandardCharsets.US_ASCII));
        ByteArrayInputStream in = new ByteArrayInputStream(out.toByteArray());
        IppMessage read = IppReader.read(in);
        assertEquals(42, read.requestId());
        assertEquals("%PDF-1.7 document", new String(in.readAllBytes(), StandardCharsets.US_ASCII));
    }

    @Test
    void accessorsFindAttributesByGroupAndName() throws Exception {
        IppMessage read = IppReader.read(IppWriter.toBytes(everyValueTag()), IppLimits.DEFAULT);
        assertEquals("zoë", read.operationAttribute("requesting-user-name").orElseThrow().stringValue());
        AttributeGroup job = read.group(IppTags.JOB_ATTRIBUTES).orElseThrow();
        assertEquals(3, job.integer("copies", -1));
        assertEquals(List.of(3, 4), job.get("orientation-requested").orElseThrow().intValues());
        IppValue.CollectionValue col = (IppValue.CollectionValue) job.get("media-col").orElseThrow().value();
        IppValue.CollectionValue size = (IppValue.CollectionValue) col.member("media-size").value();
        assertEquals(29700, size.member("y-dimension").intValue(-1));
        assertEquals(2, job.get("finishings-col").orElseThrow().values().size());
    }

    @Test
    void wireBytesMatchRfc8010ForAKnownMessage() {
        // Get-Printer-Attributes, version 1.1, request-id 1, attributes-charset only (RFC 8010 §A style example)
        IppMessage m = new IppMessage(1, 1, IppOperation.GET_PRINTER_ATTRIBUTES, 1, List.of(new AttributeGroup(
                IppTags.OPERATION_ATTRIBUTES,
                List.of(IppAttribute.strings(IppTags.CHARSET, "attributes-charset", List.of("utf-8"))))));
        byte[] expected = {0x01, 0x01, 0x00, 0x0B, 0, 0, 0, 1, 0x01, 0x47, 0x00, 0x12,
                'a', 't', 't', 'r', 'i', 'b', 'u', 't', 'e', 's', '-', 'c', 'h', 'a', 'r', 's', 'e', 't',
                0x00, 0x05, 'u', 't', 'f', '-', '8', 0x03};
        assertArrayEquals(expected, IppWriter.toBytes(m));
    }
}
