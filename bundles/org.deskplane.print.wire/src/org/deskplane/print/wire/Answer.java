package org.deskplane.print.wire;

/**
 * The start of every answer: after the version, a status byte, 0 = ok (the answer's fields follow), 1 = error (code
 * str, message str). A refusal is a normal answer, so the guest learns the reason rather than "handler-failed".
 */
public final class Answer {

    private Answer() {
    }

    /** A writer for an ok answer; the caller appends the fields. */
    public static WireWriter ok() {
        return WireWriter.body().u8(0);
    }

    public static byte[] error(String code, String message) {
        return WireWriter.body().u8(1).str(code).str(truncate(message)).toBytes();
    }

    /** Reads the status; returns a reader positioned at the fields of an ok answer, throws {@link Refused} otherwise. */
    public static WireReader read(byte[] body) throws WireException, Refused {
        WireReader r = WireReader.of(body);
        int status = r.u8();
        if (status == 0) {
            return r;
        }
        if (status != 1) {
            throw WireReader.invalid("answer status " + status);
        }
        String code = r.str();
        String message = r.str();
        r.end();
        throw new Refused(code, message);
    }

    private static String truncate(String s) {
        String text = s == null ? "" : s;
        return text.length() > 1000 ? text.substring(0, 1000) + "…" : text;
    }

    /** The other side refused: its code (a {@link org.deskplane.print.api.PrintException.Kind} name in lower case, or one of {@link PrintWire}'s) and message. */
    public static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;
        private final String code;

        public Refused(String code, String message) {
            super(message);
            this.code = code;
        }

        public String code() {
            return code;
        }
    }
}
