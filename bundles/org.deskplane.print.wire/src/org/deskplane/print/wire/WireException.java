package org.deskplane.print.wire;

import java.io.IOException;

/** A body that is not a valid version-1 message: truncated, over a bound, of another version, or with bad values. */
public final class WireException extends IOException {

    private static final long serialVersionUID = 1L;

    private final String code;

    public WireException(String code, String message) {
        super(message);
        this.code = code;
    }

    /** {@link PrintWire#INVALID} or {@link PrintWire#UNSUPPORTED_VERSION}. */
    public String code() {
        return code;
    }
}
