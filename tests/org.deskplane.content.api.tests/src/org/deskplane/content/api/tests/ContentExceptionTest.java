package org.deskplane.content.api.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.io.IOException;

import org.deskplane.content.api.ContentException;
import org.deskplane.content.api.ContentException.Reason;
import org.junit.jupiter.api.Test;

class ContentExceptionTest {

    @Test
    void keepsEveryReasonAndItsMessage() {
        for (Reason reason : Reason.values()) {
            ContentException e = new ContentException(reason, "because " + reason);
            assertEquals(reason, e.reason());
            assertEquals("because " + reason, e.getMessage());
        }
    }

    @Test
    void keepsReasonAndCause() {
        IOException cause = new IOException("disk gone");
        ContentException e = new ContentException(Reason.UNREADABLE, "cannot read", cause);
        assertEquals(Reason.UNREADABLE, e.reason());
        assertEquals("cannot read", e.getMessage());
        assertSame(cause, e.getCause());
    }
}
