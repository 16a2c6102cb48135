package org.deskplane.channel.api.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.io.IOException;

import org.deskplane.channel.api.ChannelException;
import org.junit.jupiter.api.Test;

/** The codes travel on the wire (RESPONSE errors, GOAWAY, STREAM_RESET): the other side matches on the strings. */
class ChannelExceptionTest {

    @Test
    void codesAreTheProtocolsErrorStrings() {
        assertEquals("protocol-error", ChannelException.PROTOCOL_ERROR);
        assertEquals("frame-too-large", ChannelException.FRAME_TOO_LARGE);
        assertEquals("unsupported-version", ChannelException.UNSUPPORTED_VERSION);
        assertEquals("auth-failed", ChannelException.AUTH_FAILED);
        assertEquals("no-handler", ChannelException.NO_HANDLER);
        assertEquals("handler-failed", ChannelException.HANDLER_FAILED);
        assertEquals("timeout", ChannelException.TIMEOUT);
        assertEquals("closed", ChannelException.CLOSED);
        assertEquals("queue-full", ChannelException.QUEUE_FULL);
        assertEquals("flow-control", ChannelException.FLOW_CONTROL);
        assertEquals("not-connected", ChannelException.NOT_CONNECTED);
    }

    @Test
    void messageStartsWithTheCode() {
        ChannelException e = new ChannelException(ChannelException.QUEUE_FULL, "256 requests waiting for vm-7");
        assertEquals("queue-full", e.code());
        assertEquals("queue-full: 256 requests waiting for vm-7", e.getMessage());
        assertNull(e.getCause());
    }

    @Test
    void keepsTheCause() {
        IOException cause = new IOException("Broken pipe");
        ChannelException e = new ChannelException(ChannelException.CLOSED, "session ended", cause);
        assertEquals("closed", e.code());
        assertEquals("closed: session ended", e.getMessage());
        assertSame(cause, e.getCause());
    }

    @Test
    void remoteCodesNotInTheListAreKept() {
        // a newer peer may send a code this side does not know; it must come through unchanged
        assertEquals("quota-exceeded", new ChannelException("quota-exceeded", "too many streams").code());
    }
}
