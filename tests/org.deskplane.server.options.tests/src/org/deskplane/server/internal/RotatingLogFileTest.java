package org.deskplane.server.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RotatingLogFileTest {

    @Test
    void appendsAcrossReopensAndRollsOverKeepingTheNewestFiles(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("logs/server.log");
        try (RotatingLogFile file = new RotatingLogFile(log, 100, 2)) {
            file.append("first line\n");
        }
        try (RotatingLogFile file = new RotatingLogFile(log, 100, 2)) {
            file.append("second line\n");
            assertEquals("first line\nsecond line\n", Files.readString(log), "a restart appends");
            for (int i = 0; i < 30; i++) {
                file.append("line " + i + " with some padding\n");
            }
        }
        assertTrue(Files.exists(dir.resolve("logs/server.log.1")));
        assertTrue(Files.exists(dir.resolve("logs/server.log.2")));
        assertFalse(Files.exists(dir.resolve("logs/server.log.3")), "only two old files are kept");
        assertTrue(Files.size(log) <= 100 + 40, "the live file stays near the limit");
        assertTrue(Files.readString(dir.resolve("logs/server.log.1")).contains("line"));
    }
}
