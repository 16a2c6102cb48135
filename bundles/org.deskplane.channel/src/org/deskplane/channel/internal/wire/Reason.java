package org.deskplane.channel.internal.wire;

/** Payload of REFUSED, GOAWAY and STREAM_RESET: an error code and a human-readable reason. */
public record Reason(String code, String message) {

    public byte[] encode() {
        return new PayloadWriter().str(code).str(clip(message)).toByteArray();
    }

    public static Reason decode(byte[] payload) throws ProtocolException {
        PayloadReader r = new PayloadReader(payload);
        Reason reason = new Reason(r.str(), r.str());
        r.end();
        return reason;
    }

    private static String clip(String s) {
        String m = s == null ? "" : s;
        return m.length() > 1000 ? m.substring(0, 1000) : m;
    }
}
