package org.deskplane.print.wire.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.List;

import org.deskplane.print.api.PrintOptions;
import org.deskplane.print.wire.Answer;
import org.deskplane.print.wire.JobHeader;
import org.deskplane.print.wire.JobInfo;
import org.deskplane.print.wire.PrintWire;
import org.deskplane.print.wire.PrinterList;
import org.deskplane.print.wire.WireException;
import org.deskplane.print.wire.WireReader;
import org.deskplane.print.wire.WireWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Untrusted bodies: each bound ends in a WireException with the protocol's code, never in something else. */
class BoundsTest {

    /** Raw bytes, for bodies the writer refuses to produce. */
    private static final class Raw {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Raw u8(int... values) {
            for (int v : values) {
                out.write(v);
            }
            return this;
        }

        Raw u16(int v) {
            return u8(v >>> 8 & 0xFF, v & 0xFF);
        }

        Raw bytes(byte[] b) {
            out.writeBytes(b);
            return this;
        }

        byte[] toBytes() {
            return out.toByteArray();
        }
    }

    private static Raw v1() {
        return new Raw().u8(PrintWire.VERSION);
    }

    private static WireException invalid(Executable read) {
        WireException e = assertThrows(WireException.class, read);
        assertEquals(PrintWire.INVALID, e.code(), e.getMessage());
        return e;
    }

    @Test
    void anotherVersionIsUnsupported() {
        for (int version : new int[] { 0, 2, 255 }) {
            byte[] body = Messages.printersAnswer();
            body[0] = (byte) version;
            WireException e = assertThrows(WireException.class, () -> Answer.read(body));
            assertEquals(PrintWire.UNSUPPORTED_VERSION, e.code());
            assertTrue(e.getMessage().contains(Integer.toString(version)), e.getMessage());

            byte[] header = Messages.header().toBytes();
            header[0] = (byte) version;
            assertEquals(PrintWire.UNSUPPORTED_VERSION,
                    assertThrows(WireException.class, () -> JobHeader.read(header)).code());
        }
    }

    @Test
    void anEmptyBodyIsInvalid() {
        invalid(() -> WireReader.of(new byte[0]));
    }

    @Test
    void aStringOverTheBoundIsRefusedBeforeItsBytesAreNeeded() {
        // the length says 4097 but no bytes follow: the bound must be checked first (nothing allocated for it)
        WireException e = invalid(() -> WireReader.of(v1().u16(PrintWire.MAX_STRING + 1).toBytes()).str());
        assertTrue(e.getMessage().contains(Integer.toString(PrintWire.MAX_STRING + 1)), e.getMessage());
        invalid(() -> WireReader.of(v1().u16(0xFFFF).toBytes()).str());
    }

    @Test
    void aStringLongerThanTheBodyIsInvalid() {
        WireException e = invalid(() -> WireReader.of(v1().u16(100).u8('a', 'b', 'c').toBytes()).str());
        assertTrue(e.getMessage().contains("ends early"), e.getMessage());
    }

    @Test
    void aStringAtTheBoundIsRead() throws Exception {
        byte[] text = new byte[PrintWire.MAX_STRING];
        Arrays.fill(text, (byte) 'z');
        assertEquals(PrintWire.MAX_STRING, WireReader.of(v1().u16(text.length).bytes(text).toBytes()).str().length());
    }

    @Test
    void aStringThatIsNotUtf8IsInvalid() {
        invalid(() -> WireReader.of(v1().u16(2).u8(0xC3, 0x28).toBytes()).str());
        invalid(() -> WireReader.of(v1().u16(1).u8(0xFF).toBytes()).str());
        invalid(() -> WireReader.of(v1().u16(3).u8(0xED, 0xA0, 0x80).toBytes()).str()); // a lone surrogate
    }

    @Test
    void aListOverTheBoundIsRefusedBeforeItsElementsAreRead() {
        WireException e = invalid(() -> WireReader.of(v1().u16(PrintWire.MAX_LIST + 1).toBytes()).strings());
        assertTrue(e.getMessage().contains(Integer.toString(PrintWire.MAX_LIST + 1)), e.getMessage());
        invalid(() -> WireReader.of(v1().u16(0xFFFF).toBytes()).count());
        invalid(() -> PrinterList.read(WireReader.of(v1().u16(0xFFFF).toBytes())));
        invalid(() -> JobInfo.readList(WireReader.of(v1().u16(PrintWire.MAX_LIST + 1).toBytes())));
    }

    @Test
    void aListWhoseElementsAreMissingIsInvalid() {
        invalid(() -> WireReader.of(v1().u16(PrintWire.MAX_LIST).toBytes()).strings());
        invalid(() -> JobInfo.readList(WireReader.of(v1().u16(3).toBytes())));
    }

    @Test
    void theWriterKeepsToTheSameBounds() {
        assertThrows(IllegalArgumentException.class, () -> WireWriter.body().str("x".repeat(PrintWire.MAX_STRING + 1)));
        assertThrows(IllegalArgumentException.class,
                () -> WireWriter.body().str("é".repeat(PrintWire.MAX_STRING / 2 + 1)), "the bound is in UTF-8 bytes");
        assertThrows(IllegalArgumentException.class,
                () -> WireWriter.body().strings(java.util.Collections.nCopies(PrintWire.MAX_LIST + 1, "")));
    }

    @Test
    void bytesAfterTheMessageAreInvalid() {
        byte[] header = Messages.header().toBytes();
        byte[] longer = Arrays.copyOf(header, header.length + 1);
        invalid(() -> JobHeader.read(longer));

        byte[] error = Answer.error("denied", "no");
        byte[] longerError = Arrays.copyOf(error, error.length + 3);
        invalid(() -> Answer.read(longerError));

        invalid(() -> WireReader.of(new byte[] { 1, 0 }).end());
    }

    @Test
    void everyTruncationOfAValidMessageIsInvalid() {
        byte[] header = Messages.header().toBytes();
        byte[] printers = Messages.printersAnswer();
        byte[] status = Messages.statusAnswer();
        byte[] error = Answer.error(PrintWire.UNAVAILABLE, "no router");
        for (int length = 0; length < header.length; length++) {
            byte[] cut = Arrays.copyOf(header, length);
            invalid(() -> JobHeader.read(cut));
        }
        for (int length = 0; length < printers.length; length++) {
            byte[] cut = Arrays.copyOf(printers, length);
            invalid(() -> PrinterList.read(Answer.read(cut)));
        }
        for (int length = 0; length < status.length; length++) {
            byte[] cut = Arrays.copyOf(status, length);
            invalid(() -> JobInfo.readList(Answer.read(cut)));
        }
        for (int length = 0; length < error.length; length++) {
            byte[] cut = Arrays.copyOf(error, length);
            invalid(() -> Answer.read(cut));
        }
    }

    @Test
    void badPrimitiveValuesAreInvalid() {
        invalid(() -> WireReader.of(v1().u8(2).toBytes()).bool());
        invalid(() -> Answer.read(v1().u8(2).toBytes()));
        invalid(() -> JobInfo.read(WireReader.of(v1().bytes(strBytes("k")).bytes(strBytes("PAUSED"))
                .bytes(strBytes("")).u8(0, 0, 0, 0).u8(0, 0, 0, 0, 0, 0, 0, 0).toBytes())));
    }

    @Test
    void badPrinterValuesAreInvalid() throws Exception {
        byte[] good = Messages.printersAnswer();
        // the first printer's state byte: after version, status, count, id, nearest, name, location
        int stateAt = 1 + 1 + 2 + strLength("cups.office") + 1 + strLength("Büro – 2. Stock") + strLength("Raum 2.14");
        assertEquals(1, good[stateAt], "offset of the state byte (PROCESSING)");
        byte[] badState = good.clone();
        badState[stateAt] = 3;
        invalid(() -> PrinterList.read(Answer.read(badState)));

        WireWriter zeroCopies = Answer.ok().count(1).str("p").bool(false).str("P").str("").u8(0).strings(List.of())
                .bool(true).strings(List.of()).strings(List.of()).str("").strings(List.of()).strings(List.of())
                .i32(0).i32(1).count(0);
        invalid(() -> PrinterList.read(Answer.read(zeroCopies.toBytes())));

        WireWriter zeroResolution = Answer.ok().count(1).str("p").bool(false).str("P").str("").u8(0)
                .strings(List.of()).bool(true).strings(List.of()).strings(List.of()).str("").strings(List.of())
                .strings(List.of()).i32(1).i32(1).count(1).i32(0).i32(300).bool(true);
        invalid(() -> PrinterList.read(Answer.read(zeroResolution.toBytes())));
    }

    @Test
    void badHeaderValuesAreInvalid() {
        for (String key : List.of("", "bad key", "x".repeat(65), "../x")) {
            invalid(() -> JobHeader.read(header(key, "pdf.pdf", "application/pdf", -1, 0, 1, 1)));
        }
        invalid(() -> JobHeader.read(header("k", "", "application/pdf", -1, 0, 1, 1)));
        invalid(() -> JobHeader.read(header("k", "pdf.pdf", "", -1, 0, 1, 1)));
        invalid(() -> JobHeader.read(header("k", "pdf.pdf", "application/pdf", -2, 0, 1, 1)));
        invalid(() -> JobHeader.read(header("k", "pdf.pdf", "application/pdf", -1, -1, 1, 1)));
        invalid(() -> JobHeader.read(header("k", "pdf.pdf", "application/pdf", -1, 0, 0, 1)));
        invalid(() -> JobHeader.read(header("k", "pdf.pdf", "application/pdf", -1, 0, 5, 4)));
    }

    @Test
    void aValidHandMadeHeaderReadsWithDefaults() throws Exception {
        JobHeader header = JobHeader.read(header("k", "pdf.pdf", "application/pdf", -1, 0, 2, 3));

        assertEquals(PrintOptions.DEFAULTS.withPageRanges(List.of(new PrintOptions.PageRange(2, 3))),
                header.options());
        assertEquals(-1, header.declaredBytes());
    }

    /** A header with one page range and empty media, sides and colour mode. */
    private static byte[] header(String key, String printer, String format, long declared, int copies, int first,
            int last) {
        return WireWriter.body().str(key).str(printer).str(format).str("").str("").str("").i64(declared).i32(copies)
                .str("").str("").str("").count(1).i32(first).i32(last).bool(false).toBytes();
    }

    private static byte[] strBytes(String s) {
        byte[] body = WireWriter.body().str(s).toBytes();
        return Arrays.copyOfRange(body, 1, body.length);
    }

    private static int strLength(String s) {
        return strBytes(s).length;
    }
}
