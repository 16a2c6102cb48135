package org.deskplane.security.api.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;

import org.deskplane.security.api.AuditEvent;
import org.deskplane.security.api.AuditEvent.Result;
import org.deskplane.security.api.AuditQuery;
import org.junit.jupiter.api.Test;

class AuditEventTest {

    @Test
    void nowFillsMissingTargetDetailAndSource() {
        AuditEvent event = AuditEvent.now("system", "server.start", null, Result.SUCCESS, null, null);
        assertEquals("", event.target());
        assertEquals("", event.detail());
        assertEquals("local", event.source());
        assertEquals("system", event.actor());
        assertEquals("server.start", event.action());
        assertEquals(Result.SUCCESS, event.result());
    }

    @Test
    void nowKeepsWhatItIsGiven() {
        AuditEvent event = AuditEvent.now("alice", "bundle.stop", "org.example", Result.DENIED, "not admin",
                "192.0.2.1");
        assertEquals("org.example", event.target());
        assertEquals("not admin", event.detail());
        assertEquals("192.0.2.1", event.source());
        assertEquals(Result.DENIED, event.result());
    }

    @Test
    void nowIsStampedWithTheCurrentTime() {
        Instant before = Instant.now();
        AuditEvent event = AuditEvent.now("alice", "auth.login", "", Result.FAILURE, "", "local");
        Instant after = Instant.now();
        assertNotNull(event.time());
        assertFalse(event.time().isBefore(before), event.time() + " before " + before);
        assertFalse(event.time().isAfter(after), event.time() + " after " + after);
    }

    @Test
    void latestQueryHasOnlyALimit() {
        AuditQuery query = AuditQuery.latest(25);
        assertEquals(25, query.limit());
        assertNull(query.since());
        assertNull(query.actor());
        assertNull(query.actionPrefix());
    }
}
