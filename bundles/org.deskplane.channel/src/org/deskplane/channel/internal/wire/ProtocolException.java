package org.deskplane.channel.internal.wire;

import java.io.IOException;

/** The peer broke the protocol; the connection ends with GOAWAY carrying {@link #code()} and the message. */
public final class ProtocolException extends IOException {

    private static final long serialVersionUID = 1L;
    private final String code;

    public ProtocolException(String code, String message) {
        super(message);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
