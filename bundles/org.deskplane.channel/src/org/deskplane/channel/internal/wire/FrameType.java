package org.deskplane.channel.internal.wire;

/** Frame type codes of protocol version 1 (docs/channel-protocol.md, section 1). */
public final class FrameType {

    public static final int HELLO = 0x01;
    public static final int CHALLENGE = 0x02;
    public static final int AUTH = 0x03;
    public static final int WELCOME = 0x04;
    public static final int REFUSED = 0x05;
    public static final int REQUEST = 0x10;
    public static final int RESPONSE = 0x11;
    public static final int EVENT = 0x12;
    public static final int STREAM_OPEN = 0x20;
    public static final int STREAM_DATA = 0x21;
    public static final int WINDOW_UPDATE = 0x22;
    public static final int STREAM_RESET = 0x23;
    public static final int PING = 0x30;
    public static final int PONG = 0x31;
    public static final int GOAWAY = 0x3F;

    private FrameType() {
    }

    public static boolean isKnown(int type) {
        return switch (type) {
            case HELLO, CHALLENGE, AUTH, WELCOME, REFUSED, REQUEST, RESPONSE, EVENT, STREAM_OPEN, STREAM_DATA,
                    WINDOW_UPDATE, STREAM_RESET, PING, PONG, GOAWAY -> true;
            default -> false;
        };
    }

    public static boolean isStreamFrame(int type) {
        return type >= STREAM_OPEN && type <= STREAM_RESET;
    }
}
