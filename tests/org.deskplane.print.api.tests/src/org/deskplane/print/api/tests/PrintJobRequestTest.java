package org.deskplane.print.api.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.deskplane.print.api.PrintJobRequest;
import org.deskplane.print.api.PrintJobRequest.Origin;
import org.deskplane.print.api.PrintOptions;
import org.junit.jupiter.api.Test;

/** The idempotency key is used as a file name and an IPP name: only the safe characters, 1 to 64 of them. */
class PrintJobRequestTest {

    private static PrintJobRequest withKey(String key) {
        return new PrintJobRequest(key, "application/pdf", "doc", null, null);
    }

    @Test
    void keysOfTheAllowedCharactersAndLengthAreAccepted() {
        for (String key : List.of("a", "A-Z.a_z-0.9", "x".repeat(64), "job-1", "...", "_")) {
            assertEquals(key, withKey(key).idempotencyKey());
        }
    }

    @Test
    void keysOutsideThePatternAreRefused() {
        for (String key : List.of("", "x".repeat(65), "with space", "a/b", "../etc", "a\\b", "ä", "a:b", "a\nb",
                "key;rm")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> withKey(key),
                    "key '" + key + "'");
            assertTrue(e.getMessage().contains("idempotency key"), e.getMessage());
        }
        assertThrows(NullPointerException.class, () -> withKey(null));
    }

    @Test
    void theDocumentFormatIsRequired() {
        assertThrows(NullPointerException.class, () -> new PrintJobRequest("k", null, "doc", null, null));
    }

    @Test
    void missingNameOriginAndOptionsBecomeDefaults() {
        PrintJobRequest request = new PrintJobRequest("k", "application/pdf", null, null, null);

        assertEquals("", request.jobName());
        assertSame(Origin.UNKNOWN, request.origin());
        assertSame(PrintOptions.DEFAULTS, request.options());
    }

    @Test
    void ofGivesEachRequestItsOwnValidKey() {
        PrintJobRequest first = PrintJobRequest.of("application/pdf", "a");
        PrintJobRequest second = PrintJobRequest.of("application/pdf", "a");

        assertNotEquals(first.idempotencyKey(), second.idempotencyKey());
        assertTrue(first.idempotencyKey().matches("[A-Za-z0-9._-]{1,64}"), first.idempotencyKey());
        assertEquals(Origin.UNKNOWN, first.origin());
        assertEquals(PrintOptions.DEFAULTS, first.options());
        assertEquals("a", first.jobName());
    }

    @Test
    void withersChangeOneFieldAndStillValidate() {
        PrintJobRequest base = new PrintJobRequest("k1", "application/pdf", "doc", null, null);
        Origin origin = new Origin("alice", "desk-1", "writer");
        PrintOptions options = PrintOptions.DEFAULTS.withCopies(2);

        assertEquals(new PrintJobRequest("k2", "application/pdf", "doc", null, null), base.withIdempotencyKey("k2"));
        assertEquals(new PrintJobRequest("k1", "application/pdf", "doc", origin, null), base.withOrigin(origin));
        assertEquals(new PrintJobRequest("k1", "application/pdf", "doc", null, options), base.withOptions(options));
        assertThrows(IllegalArgumentException.class, () -> base.withIdempotencyKey("bad key"));
    }

    @Test
    void originFillsUnknownPartsWithEmptyStrings() {
        Origin origin = new Origin(null, null, null);

        assertEquals(Origin.UNKNOWN, origin);
        assertEquals("", origin.user());
        assertEquals("", origin.vm());
        assertEquals("", origin.application());
    }
}
