package org.deskplane.channel.internal.wire;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

import org.deskplane.channel.api.ChannelException;

/**
 * Reads and writes the 10-byte frame header (type u8, flags u8, stream u32, length u32) and the payload.
 * Reading is bounded: the length is checked against the caller's limit before anything is allocated, so
 * an untrusted peer can never make us allocate more than the negotiated maximum frame size.
 */
public final class FrameCodec {

    public static final int HEADER_BYTES = 10;
    /** Hard cap of protocol version 1, whatever the peers propose. */
    public static final int HARD_MAX_FRAME = 1 << 20;
    public static final int MIN_MAX_FRAME = 4 << 10;
    /** Payload limit until the handshake has negotiated one. */
    public static final int HANDSHAKE_MAX_FRAME = 64 << 10;

    private FrameCodec() {
    }

    /**
     * Reads one frame, or returns null on a clean end of stream at a frame boundary. Frames of unknown type
     * flagged IGNORABLE are returned too (the caller skips them); unknown types without the flag are malformed.
     */
    public static Frame read(InputStream in, int maxPayload) throws IOException {
        int first = in.read();
        if (first < 0) {
            return null;
        }
        byte[] rest = in.readNBytes(HEADER_BYTES - 1);
        if (rest.length < HEADER_BYTES - 1) {
            throw new ProtocolException(ChannelException.PROTOCOL_ERROR, "truncated frame header");
        }
        int type = first;
        int flags = rest[0] & 0xFF;
        int stream = int32(rest, 1);
        long length = int32(rest, 5) & 0xFFFF_FFFFL;
        if ((flags & ~Frame.KNOWN_FLAGS) != 0) {
            throw new ProtocolException(ChannelException.PROTOCOL_ERROR, "undefined flags 0x" + Integer.toHexString(flags));
        }
        if (!FrameType.isKnown(type) && (flags & Frame.FLAG_IGNORABLE) == 0) {
            throw new ProtocolException(ChannelException.PROTOCOL_ERROR, "unknown frame type 0x" + Integer.toHexString(type));
        }
        if (length > maxPayload) {
            throw new ProtocolException(ChannelException.FRAME_TOO_LARGE,
                    "frame of " + length + " bytes exceeds the limit of " + maxPayload);
        }
        byte[] payload = in.readNBytes((int) length);
        if (payload.length < length) {
            throw new ProtocolException(ChannelException.PROTOCOL_ERROR,
                    "truncated frame: " + payload.length + " of " + length + " payload bytes");
        }
        return new Frame(type, flags, stream, payload);
    }

    public static void write(OutputStream out, int type, int flags, int stream, byte[] payload) throws IOException {
        write(out, type, flags, stream, payload, 0, payload.length);
    }

    public static void write(OutputStream out, int type, int flags, int stream, byte[] payload, int off, int len)
            throws IOException {
        byte[] header = new byte[HEADER_BYTES];
        header[0] = (byte) type;
        header[1] = (byte) flags;
        putInt32(header, 2, stream);
        putInt32(header, 6, len);
        out.write(header);
        out.write(payload, off, len);
    }

    static int int32(byte[] b, int at) {
        return ((b[at] & 0xFF) << 24) | ((b[at + 1] & 0xFF) << 16) | ((b[at + 2] & 0xFF) << 8) | (b[at + 3] & 0xFF);
    }

    static void putInt32(byte[] b, int at, int v) {
        b[at] = (byte) (v >>> 24);
        b[at + 1] = (byte) (v >>> 16);
        b[at + 2] = (byte) (v >>> 8);
        b[at + 3] = (byte) v;
    }
}
