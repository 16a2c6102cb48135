package org.deskplane.modules.agent.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * The line protocol between {@code deskplane-module} and the agent's loopback endpoint: arguments with spaces and
 * non-ASCII text survive, exit codes follow the status, and malformed or oversized input is refused in bounded time.
 */
class LocalProtocolTest {

    @Test
    void requestsWithAwkwardArgumentsRoundTrip() throws IOException {
        List<String> tokens = List.of("configure", "org.example.pid", "greeting", "grüß dich, 100% sure\\n");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        LocalProtocol.writeRequest(out, tokens);
        assertEquals(tokens, LocalProtocol.readRequest(new ByteArrayInputStream(out.toByteArray())));
    }

    @Test
    void responsesCarryStatusMessageAndBody() throws IOException {
        byte[] body = "{\"answer\": \"ok\"}\n".getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        LocalProtocol.writeResponse(out, new LocalProtocol.Response("DENIED", "no rule\nfor this VM", body));
        LocalProtocol.Response read = LocalProtocol.readResponse(new ByteArrayInputStream(out.toByteArray()));
        assertEquals("DENIED", read.status());
        assertTrue(read.message().contains("no rule"), read.message());
        assertArrayEquals(body, read.body());
    }

    @Test
    void exitCodesFollowTheStatus() {
        assertEquals(0, LocalProtocol.exitCode("OK"));
        assertEquals(2, LocalProtocol.exitCode("NOT_FOUND"));
        assertEquals(2, LocalProtocol.exitCode("OTHER_VERSIONS"));
        assertEquals(3, LocalProtocol.exitCode("DENIED"));
        assertEquals(3, LocalProtocol.exitCode("UNTRUSTED_SIGNER"));
        assertEquals(1, LocalProtocol.exitCode("ACTIVATION_FAILED"));
        assertEquals("NO_HANDLER", LocalProtocol.statusOfCode("no-handler"));
    }

    @Test
    void malformedAndOversizedInputIsRefused() {
        assertThrows(IOException.class, () -> LocalProtocol.readRequest(stream("HTTP/1.1 GET /\n")));
        assertThrows(IOException.class, () -> LocalProtocol.readRequest(stream("DPMOD/1 " + "a".repeat(20_000) + "\n")));
        assertThrows(IOException.class, () -> LocalProtocol.readResponse(stream("DPMOD/1 OK 99999999 x\n")));
        assertThrows(IOException.class, () -> LocalProtocol.readResponse(stream("DPMOD/1 OK 10 short\nabc")));
        assertThrows(IOException.class, () -> LocalProtocol.writeRequest(new ByteArrayOutputStream(),
                List.of("call", "x".repeat(LocalProtocol.MAX_LINE))));
    }

    @Test
    void randomBytesNeverHangOrEscapeAsAnythingButIOException() {
        Random random = new Random(6);
        for (int i = 0; i < 5_000; i++) {
            byte[] noise = new byte[random.nextInt(300)];
            random.nextBytes(noise);
            if (random.nextBoolean()) {
                System.arraycopy("DPMOD/1 ".getBytes(StandardCharsets.US_ASCII), 0, noise, 0, Math.min(8, noise.length));
            }
            try {
                LocalProtocol.readRequest(new ByteArrayInputStream(noise));
                LocalProtocol.readResponse(new ByteArrayInputStream(noise));
            } catch (IOException expected) {
                // refused: fine
            }
        }
    }

    private static ByteArrayInputStream stream(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }
}
