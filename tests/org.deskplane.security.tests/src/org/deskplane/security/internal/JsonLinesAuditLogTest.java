package org.deskplane.security.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.deskplane.security.api.AuditEvent;
import org.deskplane.security.api.AuditEvent.Result;
import org.deskplane.security.api.AuditQuery;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonLinesAuditLogTest {

    @TempDir
    Path dir;

    private final MovableClock clock = new MovableClock(Instant.parse("2025-03-01T10:00:00Z"));

    private Path file() {
        return dir.resolve("audit/audit.log");
    }

    private AuditEvent event(String actor, String action, String target) {
        clock.advance(Duration.ofSeconds(1));
        return new AuditEvent(clock.instant(), actor, action, target, Result.SUCCESS, "detail of " + target, "local");
    }

    private static List<String> targets(List<AuditEvent> events) {
        return events.stream().map(AuditEvent::target).toList();
    }

    @Test
    void recordsAreOnDiskOneJsonLineEachAndQueriedNewestFirst() throws IOException {
        try (JsonLinesAuditLog log = new JsonLinesAuditLog(file(), clock)) {
            log.record(event("alice", "auth.login", "a"));
            log.record(event("bob", "bundle.update", "b"));
            log.record(event("alice", "auth.logout", "c"));
            List<String> lines = Files.readAllLines(file());
            assertEquals(3, lines.size());
            assertTrue(lines.get(0).startsWith("{\"time\":\"2025-03-01T10:00:01Z\",\"actor\":\"alice\""), lines.get(0));

            assertEquals(List.of("c", "b", "a"), targets(log.query(AuditQuery.latest(10))));
            assertEquals(List.of("c", "a"), targets(log.query(new AuditQuery(null, "alice", null, 10))));
            assertEquals(List.of("c", "a"), targets(log.query(new AuditQuery(null, null, "auth.", 10))));
            assertEquals(List.of("c"), targets(log.query(AuditQuery.latest(1))));
            assertEquals(List.of("c", "b"),
                    targets(log.query(new AuditQuery(Instant.parse("2025-03-01T10:00:02Z"), null, null, 10))));
        }
    }

    @Test
    void survivesARestartAndKeepsOrderAndChain() throws IOException {
        try (JsonLinesAuditLog log = new JsonLinesAuditLog(file(), clock)) {
            log.record(event("alice", "auth.login", "1"));
            log.record(event("alice", "auth.login", "2"));
        }
        try (JsonLinesAuditLog log = new JsonLinesAuditLog(file(), clock)) {
            assertEquals(List.of("2", "1"), targets(log.query(AuditQuery.latest(10))));
            log.record(event("bob", "auth.login", "3"));
            assertEquals(List.of("3", "2", "1"), targets(log.query(AuditQuery.latest(10))));
            ChainCheck check = log.verify();
            assertTrue(check.intact(), check.toString());
            assertEquals(3, check.records());
        }
    }

    @Test
    void aTornLastLineIsSkippedAndTheNextRecordStartsOnAFreshLine() throws IOException {
        try (JsonLinesAuditLog log = new JsonLinesAuditLog(file(), clock)) {
            log.record(event("alice", "auth.login", "whole"));
        }
        // a crash in the middle of writing the second record
        Files.writeString(file(), "{\"time\":\"2025-03-01T10:00:09Z\",\"actor\":\"bo", StandardOpenOption.APPEND);
        try (JsonLinesAuditLog log = new JsonLinesAuditLog(file(), clock)) {
            assertEquals(List.of("whole"), targets(log.query(AuditQuery.latest(10))));
            log.record(event("carol", "auth.login", "after"));
            assertEquals(List.of("after", "whole"), targets(log.query(AuditQuery.latest(10))));
            ChainCheck check = log.verify();
            assertTrue(check.intact(), "a torn write is not tampering: " + check);
            assertEquals(List.of(2L), check.unreadableLines());
        }
        try (JsonLinesAuditLog log = new JsonLinesAuditLog(file(), clock)) {
            assertEquals(List.of("after", "whole"), targets(log.query(AuditQuery.latest(10))));
        }
    }

    @Test
    void aChangedLineBreaksTheChain() throws IOException {
        try (JsonLinesAuditLog log = new JsonLinesAuditLog(file(), clock)) {
            for (int i = 1; i <= 4; i++) {
                log.record(event("alice", "bundle.update", "t" + i));
            }
            assertTrue(log.verify().intact());
        }
        List<String> lines = new ArrayList<>(Files.readAllLines(file()));
        lines.set(2, lines.get(2).replace("\"actor\":\"alice\"", "\"actor\":\"mallory\""));
        Files.write(file(), lines);
        try (JsonLinesAuditLog log = new JsonLinesAuditLog(file(), clock)) {
            ChainCheck check = log.verify();
            assertFalse(check.intact());
            assertEquals(3, check.firstBrokenLine());
            // still usable: reads work and new records are appended
            log.record(event("alice", "bundle.update", "t5"));
            assertEquals(5, log.query(AuditQuery.latest(10)).size());
        }
    }

    @Test
    void aRemovedLineBreaksTheChain() throws IOException {
        try (JsonLinesAuditLog log = new JsonLinesAuditLog(file(), clock)) {
            for (int i = 1; i <= 3; i++) {
                log.record(event("alice", "bundle.update", "t" + i));
            }
        }
        List<String> lines = new ArrayList<>(Files.readAllLines(file()));
        lines.remove(1);
        Files.write(file(), lines);
        try (JsonLinesAuditLog log = new JsonLinesAuditLog(file(), clock)) {
            assertEquals(2, log.verify().firstBrokenLine());
        }
    }

    @Test
    void queriesAreCappedAndStopEarly() throws IOException {
        // written directly (no fsync per line) to keep the test quick; the log must accept it as its own
        AuditRecordCodec codec = new AuditRecordCodec();
        StringBuilder lines = new StringBuilder();
        String prev = AuditRecordCodec.GENESIS;
        for (int i = 0; i < 10_050; i++) {
            String line = codec.encode(event("load", "test.fill", Integer.toString(i)), clock.instant(), prev);
            prev = codec.decode(line).orElseThrow().hash();
            lines.append(line).append('\n');
        }
        Files.createDirectories(file().getParent());
        Files.writeString(file(), lines);
        try (JsonLinesAuditLog log = new JsonLinesAuditLog(file(), clock)) {
            assertTrue(log.verify().intact());
            List<AuditEvent> all = log.query(AuditQuery.latest(Integer.MAX_VALUE));
            assertEquals(JsonLinesAuditLog.MAX_QUERY_LIMIT, all.size());
            assertEquals("10049", all.get(0).target());
            assertEquals(JsonLinesAuditLog.DEFAULT_QUERY_LIMIT, log.query(AuditQuery.latest(0)).size());
        }
    }

    @Test
    void overLongAndGarbageLinesAreSkipped() throws IOException {
        try (JsonLinesAuditLog log = new JsonLinesAuditLog(file(), clock)) {
            log.record(event("alice", "auth.login", "first"));
        }
        Files.writeString(file(), "x".repeat(200_000) + "\nnot json at all\n", StandardCharsets.UTF_8,
                StandardOpenOption.APPEND);
        try (JsonLinesAuditLog log = new JsonLinesAuditLog(file(), clock)) {
            log.record(event("alice", "auth.login", "second"));
            assertEquals(List.of("second", "first"), targets(log.query(AuditQuery.latest(10))));
            assertEquals(List.of(2L, 3L), log.verify().unreadableLines());
        }
    }

    @Test
    void longFieldsAreBoundedAndNullsTolerated() throws IOException {
        try (JsonLinesAuditLog log = new JsonLinesAuditLog(file(), clock)) {
            log.record(new AuditEvent(null, null, "x.y", null, Result.DENIED, "d".repeat(50_000), null));
            AuditEvent read = log.query(AuditQuery.latest(1)).get(0);
            assertEquals(clock.instant(), read.time());
            assertEquals("", read.actor());
            assertTrue(read.detail().length() < 2_100);
            assertTrue(log.verify().intact());
        }
    }
}
