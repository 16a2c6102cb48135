package org.deskplane.rest.api.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.io.IOException;

import org.deskplane.rest.api.ApiException;
import org.junit.jupiter.api.Test;

/** Status, title and detail become the problem+json answer; a wrong one misleads every client. */
class ApiExceptionTest {

    @Test
    void badRequestIs400() {
        assertProblem(ApiException.badRequest("limit must be a number"), 400, "Bad request", "limit must be a number");
    }

    @Test
    void notFoundIs404() {
        assertProblem(ApiException.notFound("no bundle 42"), 404, "Not found", "no bundle 42");
    }

    @Test
    void conflictIs409() {
        assertProblem(ApiException.conflict("already installed"), 409, "Conflict", "already installed");
    }

    @Test
    void constructorsKeepStatusTitleDetailAndCause() {
        assertProblem(new ApiException(413, "Payload too large", "at most 64 MiB"), 413, "Payload too large",
                "at most 64 MiB");
        IOException cause = new IOException("disk full");
        ApiException e = new ApiException(500, "Server error", "could not store the jar", cause);
        assertProblem(e, 500, "Server error", "could not store the jar");
        assertSame(cause, e.getCause());
    }

    private static void assertProblem(ApiException e, int status, String title, String detail) {
        assertEquals(status, e.status());
        assertEquals(title, e.title());
        assertEquals(detail, e.detail());
        assertEquals(detail, e.getMessage());
    }
}
