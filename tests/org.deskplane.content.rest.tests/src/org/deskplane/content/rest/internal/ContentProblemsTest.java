package org.deskplane.content.rest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.EnumMap;
import java.util.Map;

import org.deskplane.content.api.ContentException;
import org.deskplane.content.api.ContentException.Reason;
import org.deskplane.rest.api.ApiException;
import org.junit.jupiter.api.Test;

/** Every reason a content request fails for becomes the problem status the Profile API documents. */
class ContentProblemsTest {

    private static final Map<Reason, Integer> DOCUMENTED = new EnumMap<>(Map.of(
            Reason.NOT_FOUND, 404,
            Reason.DENIED, 403,
            Reason.READ_ONLY, 409,
            Reason.WRONG_TYPE, 409,
            Reason.BUSY, 503,
            Reason.UNAVAILABLE, 503,
            Reason.UNREADABLE, 422,
            Reason.INVALID, 400));

    @Test
    void everyReasonHasItsDocumentedStatus() {
        // iterating the enum (not the table) makes a new reason without a documented status fail here
        for (Reason reason : Reason.values()) {
            Integer expected = DOCUMENTED.get(reason);
            assertNotNull(expected, "no documented status for " + reason);
            ContentException failure = new ContentException(reason, "why " + reason);
            ApiException problem = ContentProblems.of(failure);
            assertEquals(expected, problem.status(), reason.name());
            assertEquals("why " + reason, problem.detail(), reason + " keeps the message as detail");
            assertSame(failure, problem.getCause(), reason + " keeps the cause");
        }
    }
}
