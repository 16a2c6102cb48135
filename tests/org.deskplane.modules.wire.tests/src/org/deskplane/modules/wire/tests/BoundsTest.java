package org.deskplane.modules.wire.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.util.Arrays;

import org.deskplane.modules.api.ModuleStatus;
import org.deskplane.modules.wire.ConfigureMessage;
import org.deskplane.modules.wire.ModuleAnswer;
import org.deskplane.modules.wire.ModuleRef;
import org.deskplane.modules.wire.ModuleWire;
import org.deskplane.modules.wire.QueryMessage;
import org.deskplane.modules.wire.StatusMessage;
import org.deskplane.modules.wire.UploadHeader;
import org.deskplane.modules.wire.WireException;
import org.deskplane.modules.wire.WireWriter;
import org.junit.jupiter.api.Test;

/** Malformed, truncated and oversized input is refused with a clear WireException, before anything large is made. */
class BoundsTest {

    @Test
    void everyTruncationOfEveryMessageIsRefused() throws Exception {
        check(new QueryMessage("org.example.scan", "[1,2)").toBytes(), QueryMessage::read);
        check(new ModuleRef("org.example.scan", "1.0.0").toBytes(), ModuleRef::read);
        check(new ConfigureMessage("pid", "key", "value").toBytes(), ConfigureMessage::read);
        check(new StatusMessage(7).toBytes(), StatusMessage::read);
        check(new UploadHeader(10, Samples.SHA).toBytes(), UploadHeader::read);
        check(ModuleAnswer.of(Samples.query()).toBytes(), ModuleAnswer::read);
        check(ModuleAnswer.of(Samples.request()).toBytes(), ModuleAnswer::read);
        check(ModuleAnswer.of(Samples.module("1.0.0")).toBytes(), ModuleAnswer::read);
    }

    private interface Decoder {
        Object read(byte[] b) throws WireException;
    }

    /** The whole message decodes; every proper prefix and the message plus a byte do not. */
    private static void check(byte[] whole, Decoder d) throws Exception {
        d.read(whole);
        for (int i = 0; i < whole.length; i++) {
            byte[] prefix = Arrays.copyOf(whole, i);
            assertThrows(WireException.class, () -> d.read(prefix), "prefix of " + i + " bytes");
        }
        byte[] longer = Arrays.copyOf(whole, whole.length + 1);
        WireException e = assertThrows(WireException.class, () -> d.read(longer));
        assertTrue(e.getMessage().contains("after the end"), e.getMessage());
    }

    @Test
    void anotherVersionIsRefusedByName() {
        byte[] b = new ModuleRef("a", "1").toBytes();
        b[0] = 2;
        WireException e = assertThrows(WireException.class, () -> ModuleRef.read(b));
        assertTrue(e.getMessage().contains("version 2"), e.getMessage());
        assertEquals(ModuleStatus.INVALID, e.toAnswer().moduleStatus());
    }

    @Test
    void oversizedStringsAndListsAreRefusedBeforeReading() {
        // a string that claims 65535 bytes in a 5-byte body
        assertThrows(WireException.class, () -> QueryMessage.read(new byte[] {1, (byte) 0xFF, (byte) 0xFF, 'a', 'b'}));
        // a list that claims 1000 modules with no bytes behind it
        byte[] answer = WireWriter.body().str("OK").str("").u8(2).str("OK").count(1000).toBytes();
        WireException e = assertThrows(WireException.class, () -> ModuleAnswer.read(answer));
        assertTrue(e.getMessage().contains("1000 elements"), e.getMessage());
        // a list longer than the wire allows at all
        byte[] tooMany = WireWriter.body().str("OK").str("").u8(2).str("OK").count(ModuleWire.MAX_LIST + 1).toBytes();
        assertThrows(WireException.class, () -> ModuleAnswer.read(tooMany));
    }

    @Test
    void namesOutsideTheirShapeAreRefused() {
        assertThrows(WireException.class, () -> ModuleRef.read(new ModuleRef("../../etc/passwd", "1.0").toBytes()));
        assertThrows(WireException.class, () -> ModuleRef.read(new ModuleRef("a b", "1.0").toBytes()));
        assertThrows(WireException.class, () -> ModuleRef.read(new ModuleRef("", "1.0").toBytes()));
        assertThrows(WireException.class, () -> ModuleRef.read(new ModuleRef("ok", "").toBytes()));
        assertThrows(WireException.class, () -> ModuleRef.read(new ModuleRef("ok", "1.0\n").toBytes()));
        assertThrows(WireException.class, () -> QueryMessage.read(new QueryMessage("ok", "[1;rm -rf /]").toBytes()));
        assertThrows(WireException.class, () -> ConfigureMessage.read(new ConfigureMessage("", "k", "v").toBytes()));
        assertThrows(WireException.class, () -> StatusMessage.read(new StatusMessage(-1).toBytes()));
        assertThrows(WireException.class, () -> ModuleAnswer.read(WireWriter.body().str("ok lower").str("").u8(0).toBytes()));
        assertThrows(WireException.class, () -> ModuleAnswer.read(WireWriter.body().str("OK").str("").u8(9).toBytes()));
        // a string that is not UTF-8
        assertThrows(WireException.class, () -> ModuleRef.read(new byte[] {1, 0, 1, (byte) 0xC3, 0, 1, '1'}));
    }

    @Test
    void uploadHeadersOutOfBounds() throws IOException {
        assertThrows(WireException.class, () -> UploadHeader.read(new UploadHeader(0, Samples.SHA).toBytes()));
        assertThrows(WireException.class, () -> UploadHeader.read(new UploadHeader(ModuleWire.MAX_UPLOAD + 1, Samples.SHA).toBytes()));
        assertThrows(WireException.class, () -> UploadHeader.read(new UploadHeader(5, "abc").toBytes()));
        assertThrows(WireException.class, () -> UploadHeader.read(new UploadHeader(5, "g".repeat(64)).toBytes()));
        // a frame length over the bound is refused before its body is read
        byte[] huge = {0x7F, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF};
        WireException e = assertThrows(WireException.class, () -> UploadHeader.readFrom(new ByteArrayInputStream(huge)));
        assertTrue(e.getMessage().contains("upload header"), e.getMessage());
        byte[] negative = {(byte) 0xFF, 0, 0, 0};
        assertThrows(WireException.class, () -> UploadHeader.readFrom(new ByteArrayInputStream(negative)));
        // a frame that ends before its declared length
        assertThrows(WireException.class, () -> UploadHeader.readFrom(new ByteArrayInputStream(new byte[] {0, 0, 0, 50, 1, 2})));
        assertThrows(EOFException.class, () -> UploadHeader.readFrom(new ByteArrayInputStream(new byte[] {0, 0})));
    }
}
