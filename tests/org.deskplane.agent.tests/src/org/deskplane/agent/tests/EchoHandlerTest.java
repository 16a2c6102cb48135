package org.deskplane.agent.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.nio.charset.StandardCharsets;

import org.deskplane.agent.tests.HandlerServices.HostPeer;
import org.deskplane.channel.api.MessageHandler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code echo} is the host's round-trip check: the answer is the request body, byte for byte. */
class EchoHandlerTest {
    private final HandlerServices services = new HandlerServices();

    @AfterEach
    void close() {
        services.close();
    }

    @Test
    void answersWithTheRequestBody() throws Exception {
        MessageHandler echo = services.await("echo");
        byte[] body = "ping ✓ 42".getBytes(StandardCharsets.UTF_8);
        assertArrayEquals(body, HandlerServices.call(echo, "echo", body, new HostPeer("desk-01")));
    }

    @Test
    void keepsBinaryAndEmptyBodies() throws Exception {
        MessageHandler echo = services.await("echo");
        byte[] binary = new byte[256];
        for (int i = 0; i < binary.length; i++) {
            binary[i] = (byte) i;
        }
        assertArrayEquals(binary, HandlerServices.call(echo, "echo", binary, new HostPeer("desk-01")));
        assertArrayEquals(new byte[0], HandlerServices.call(echo, "echo", new byte[0], new HostPeer("desk-01")));
    }
}
