package org.deskplane.channel.internal.wire;

/** WELCOME: the host accepted the agent; proves it knows the secret too and sets the heartbeat. */
public record Welcome(byte[] hostProof, int heartbeatMillis) {

    public byte[] encode() {
        return new PayloadWriter().bytes(hostProof).u32(heartbeatMillis).toByteArray();
    }

    public static Welcome decode(byte[] payload) throws ProtocolException {
        PayloadReader r = new PayloadReader(payload);
        Welcome w = new Welcome(r.bytes(AuthProofs.PROOF_BYTES), r.u32());
        r.end();
        return w;
    }
}
