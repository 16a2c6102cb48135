package org.deskplane.channel.internal.wire;

/** One decoded frame. The payload array belongs to the frame (never shared with a buffer). */
public record Frame(int type, int flags, int stream, byte[] payload) {

    public static final int FLAG_FIN = 0x01;
    public static final int FLAG_IGNORABLE = 0x80;
    static final int KNOWN_FLAGS = FLAG_FIN | FLAG_IGNORABLE;

    public boolean fin() {
        return (flags & FLAG_FIN) != 0;
    }
}
