package org.deskplane.channel.api;

/**
 * A channel failure with a protocol error code ({@link #code()}, one of the constants below), e.g. the
 * remote handler's failure, a timeout, a full queue or a closed endpoint.
 */
public class ChannelException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public static final String PROTOCOL_ERROR = "protocol-error";
    public static final String FRAME_TOO_LARGE = "frame-too-large";
    public static final String UNSUPPORTED_VERSION = "unsupported-version";
    public static final String AUTH_FAILED = "auth-failed";
    public static final String NO_HANDLER = "no-handler";
    public static final String HANDLER_FAILED = "handler-failed";
    public static final String TIMEOUT = "timeout";
    public static final String CLOSED = "closed";
    public static final String QUEUE_FULL = "queue-full";
    public static final String FLOW_CONTROL = "flow-control";
    public static final String NOT_CONNECTED = "not-connected";

    private final String code;

    public ChannelException(String code, String message) {
        super(code + ": " + message);
        this.code = code;
    }

    public ChannelException(String code, String message, Throwable cause) {
        super(code + ": " + message, cause);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
