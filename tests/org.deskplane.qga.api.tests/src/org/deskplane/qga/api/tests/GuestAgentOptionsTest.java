package org.deskplane.qga.api.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.deskplane.qga.api.GuestAgentOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** The limits keep a misbehaving agent from costing unbounded time or memory, so bad limits are refused. */
class GuestAgentOptionsTest {
    private static final GuestAgentOptions D = GuestAgentOptions.DEFAULTS;

    @Test
    void defaultsAreTenSecondsSixteenMibAndSixtyFourKibChunks() {
        assertEquals(Duration.ofSeconds(10), D.callTimeout());
        assertEquals(16 * 1024 * 1024, D.maxResponseBytes());
        assertEquals(64 * 1024, D.fileChunkBytes());
    }

    @Test
    void callTimeoutMustBePositive() {
        assertRefused(() -> new GuestAgentOptions(null, D.maxResponseBytes(), D.fileChunkBytes()), "callTimeout");
        assertRefused(() -> D.withCallTimeout(Duration.ZERO), "callTimeout");
        assertRefused(() -> D.withCallTimeout(Duration.ofMillis(-1)), "callTimeout");
        assertEquals(Duration.ofMillis(1), D.withCallTimeout(Duration.ofMillis(1)).callTimeout());
    }

    @Test
    void responseCapHasAFloor() {
        assertEquals(4096, GuestAgentOptions.MIN_RESPONSE_BYTES);
        assertRefused(() -> new GuestAgentOptions(Duration.ofSeconds(1), 4095, 1), "maxResponseBytes must be at least 4096");
        assertEquals(4096, new GuestAgentOptions(Duration.ofSeconds(1), 4096, 1).maxResponseBytes());
    }

    @Test
    void aFileChunkMustFitInOneResponseAsBase64() {
        // 2304 bytes are 3072 base64 characters; with 1024 for the JSON around them exactly 4096
        assertEquals(2304, new GuestAgentOptions(Duration.ofSeconds(1), 4096, 2304).fileChunkBytes());
        assertRefused(() -> new GuestAgentOptions(Duration.ofSeconds(1), 4096, 2305), "fileChunkBytes");
        assertRefused(() -> D.withFileChunkBytes(0), "fileChunkBytes");
        assertRefused(() -> D.withFileChunkBytes(-5), "fileChunkBytes");
    }

    @Test
    void lowerResponseCapShrinksTheChunkToFit() {
        GuestAgentOptions small = D.withMaxResponseBytes(4096);
        assertEquals(4096, small.maxResponseBytes());
        assertEquals(2304, small.fileChunkBytes());
        assertEquals(D.callTimeout(), small.callTimeout());
    }

    @Test
    void higherResponseCapKeepsTheChunk() {
        GuestAgentOptions big = D.withMaxResponseBytes(64 << 20);
        assertEquals(64 << 20, big.maxResponseBytes());
        assertEquals(D.fileChunkBytes(), big.fileChunkBytes());
    }

    @Test
    void withersChangeOnlyTheirOwnLimit() {
        GuestAgentOptions options = D.withCallTimeout(Duration.ofSeconds(3)).withFileChunkBytes(4096);
        assertEquals(Duration.ofSeconds(3), options.callTimeout());
        assertEquals(D.maxResponseBytes(), options.maxResponseBytes());
        assertEquals(4096, options.fileChunkBytes());
    }

    private static void assertRefused(Executable creation, String messagePart) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, creation);
        assertTrue(e.getMessage().contains(messagePart), e.getMessage());
    }
}
