package org.deskplane.channel.internal.wire;

/** CHALLENGE: the host's answer to HELLO (chosen version, negotiated frame size, its nonce). */
public record Challenge(int version, int maxFrame, int streamWindow, byte[] nonce, long instance) {

    public byte[] encode() {
        return new PayloadWriter().u16(version).u32(maxFrame).u32(streamWindow).bytes(nonce).u64(instance).toByteArray();
    }

    public static Challenge decode(byte[] payload) throws ProtocolException {
        PayloadReader r = new PayloadReader(payload);
        Challenge c = new Challenge(r.u16(), r.u32(), r.u32(), r.bytes(Hello.NONCE_BYTES), r.u64());
        r.end();
        return c;
    }
}
