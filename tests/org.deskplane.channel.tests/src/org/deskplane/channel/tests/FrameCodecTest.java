package org.deskplane.channel.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;

import org.deskplane.channel.api.AgentInfo.BundleRef;
import org.deskplane.channel.api.ChannelException;
import org.deskplane.channel.internal.wire.Frame;
import org.deskplane.channel.internal.wire.FrameCodec;
import org.deskplane.channel.internal.wire.FrameType;
import org.deskplane.channel.internal.wire.Hello;
import org.deskplane.channel.internal.wire.PayloadReader;
import org.deskplane.channel.internal.wire.ProtocolException;
import org.junit.jupiter.api.Test;

/** Channel: malformed, oversized and truncated frames are rejected with a clear protocol error. */
class FrameCodecTest {

    private static byte[] frame(int type, int flags, int stream, byte[] payload) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        FrameCodec.write(out, type, flags, stream, payload);
        return out.toByteArray();
    }

    @Test
    void roundTripsAFrame() throws IOException {
        byte[] bytes = frame(FrameType.STREAM_DATA, Frame.FLAG_FIN, 7, new byte[] { 1, 2, 3 });
        Frame f = FrameCodec.read(new ByteArrayInputStream(bytes), 1024);
        assertEquals(FrameType.STREAM_DATA, f.type());
        assertEquals(7, f.stream());
        assertTrue(f.fin());
        assertArrayEquals(new byte[] { 1, 2, 3 }, f.payload());
    }

    @Test
    void cleanEndOfStreamAtAFrameBoundaryIsNoFrame() throws IOException {
        assertNull(FrameCodec.read(new ByteArrayInputStream(new byte[0]), 1024));
    }

    @Test
    void oversizedFrameIsRejectedBeforeItsPayloadIsRead() throws IOException {
        byte[] header = frame(FrameType.REQUEST, 0, 0, new byte[0]);
        header[6] = (byte) 0x7F; // claims ~2 GiB of payload
        // a stream that fails if anyone reads beyond the header: the codec must not try to allocate/read the payload
        InputStream headerOnly = new InputStream() {
            int pos;

            @Override
            public int read() throws IOException {
                if (pos >= header.length) {
                    throw new AssertionError("payload of an oversized frame was read");
                }
                return header[pos++] & 0xFF;
            }
        };
        ProtocolException e = assertThrows(ProtocolException.class, () -> FrameCodec.read(headerOnly, FrameCodec.HARD_MAX_FRAME));
        assertEquals(ChannelException.FRAME_TOO_LARGE, e.code());
        assertTrue(e.getMessage().contains("exceeds the limit of " + FrameCodec.HARD_MAX_FRAME), e.getMessage());
    }

    @Test
    void frameOverTheNegotiatedLimitIsRejected() throws IOException {
        byte[] bytes = frame(FrameType.EVENT, 0, 0, new byte[5000]);
        ProtocolException e = assertThrows(ProtocolException.class, () -> FrameCodec.read(new ByteArrayInputStream(bytes), 4096));
        assertEquals(ChannelException.FRAME_TOO_LARGE, e.code());
    }

    @Test
    void truncatedHeaderAndPayloadAreRejected() throws IOException {
        byte[] bytes = frame(FrameType.EVENT, 0, 0, new byte[100]);
        ProtocolException header = assertThrows(ProtocolException.class,
                () -> FrameCodec.read(new ByteArrayInputStream(bytes, 0, 6), 1024));
        assertTrue(header.getMessage().contains("truncated frame header"), header.getMessage());
        ProtocolException payload = assertThrows(ProtocolException.class,
                () -> FrameCodec.read(new ByteArrayInputStream(bytes, 0, 60), 1024));
        assertTrue(payload.getMessage().contains("truncated frame: 50 of 100"), payload.getMessage());
    }

    @Test
    void unknownTypeAndUndefinedFlagsAreMalformedButIgnorableUnknownTypesPass() throws IOException {
        ProtocolException type = assertThrows(ProtocolException.class,
                () -> FrameCodec.read(new ByteArrayInputStream(frame(0x77, 0, 0, new byte[0])), 1024));
        assertTrue(type.getMessage().contains("unknown frame type 0x77"));
        ProtocolException flags = assertThrows(ProtocolException.class,
                () -> FrameCodec.read(new ByteArrayInputStream(frame(FrameType.PING, 0x10, 0, new byte[8])), 1024));
        assertTrue(flags.getMessage().contains("undefined flags"));
        Frame ignorable = FrameCodec.read(new ByteArrayInputStream(frame(0x77, Frame.FLAG_IGNORABLE, 0, new byte[3])), 1024);
        assertEquals(0x77, ignorable.type());
    }

    @Test
    void payloadFieldsAreBoundedAndStrict() {
        // a string claiming 200 bytes in a 4-byte payload
        assertThrows(ProtocolException.class, () -> new PayloadReader(new byte[] { 0, (byte) 200, 'a', 'b' }).str());
        // invalid UTF-8
        ProtocolException utf = assertThrows(ProtocolException.class,
                () -> new PayloadReader(new byte[] { 0, 2, (byte) 0xC3, (byte) 0x28 }).str());
        assertTrue(utf.getMessage().contains("UTF-8"));
        // trailing garbage
        PayloadReader r = new PayloadReader(new byte[] { 0, 1, 9 });
        assertThrows(ProtocolException.class, () -> {
            r.u16();
            r.end();
        });
    }

    @Test
    void helloRoundTripsAndRejectsBadMagicAndEmptyVersionRanges() throws ProtocolException {
        Hello hello = new Hello(1, 3, 65536, 1 << 20, new byte[32], "vm-1", 42L, "0.1.0",
                List.of(new BundleRef("org.deskplane.agent", "0.1.0")));
        Hello back = Hello.decode(hello.encode());
        assertEquals("vm-1", back.vmId());
        assertEquals(3, back.maxVersion());
        assertEquals(hello.bundles(), back.bundles());
        byte[] bad = hello.encode();
        bad[0] = 'X';
        assertThrows(ProtocolException.class, () -> Hello.decode(bad));
        Hello empty = new Hello(3, 1, 65536, 1 << 20, new byte[32], "vm-1", 42L, "0.1.0", List.of());
        assertThrows(ProtocolException.class, () -> Hello.decode(empty.encode()));
    }
}
