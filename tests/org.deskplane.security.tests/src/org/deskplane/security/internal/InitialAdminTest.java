package org.deskplane.security.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.deskplane.security.api.AuditEvent;
import org.deskplane.security.api.AuditQuery;
import org.deskplane.security.api.Role;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InitialAdminTest {

    private static final Pattern BANNER =
            Pattern.compile("^Deskplane first start: user 'admin' created with password: ([A-Za-z0-9_-]+)$",
                    Pattern.MULTILINE);

    @TempDir
    Path dir;

    private final ByteArrayOutputStream console = new ByteArrayOutputStream();

    private UserDirectory start(JsonLinesAuditLog audit, String preset) throws IOException {
        UserDirectory users = UserDirectory.open(new UserFile(dir.resolve("security/users.json")),
                new PasswordHasher(new SecureRandom(), 1_000), Clock.systemUTC());
        InitialAdmin.createIfFirstStart(users, preset, new RandomSecrets(new SecureRandom()),
                new PrintStream(console, true, StandardCharsets.UTF_8), audit);
        return users;
    }

    @Test
    void firstStartPrintsARandomPasswordOnceAndStoresOnlyItsHash() throws IOException {
        try (JsonLinesAuditLog audit = new JsonLinesAuditLog(dir.resolve("audit/audit.log"), Clock.systemUTC())) {
            UserDirectory users = start(audit, null);

            String printed = console.toString(StandardCharsets.UTF_8);
            Matcher banner = BANNER.matcher(printed);
            assertTrue(banner.find(), printed);
            String password = banner.group(1);
            assertTrue(password.length() >= 20, password);
            assertFalse(banner.find(), "the password is printed once");

            assertEquals(Role.ADMIN, users.find("admin").orElseThrow().role());
            assertTrue(users.verifyPassword("admin", password.toCharArray()));
            for (Path file : List.of(dir.resolve("security/users.json"), dir.resolve("audit/audit.log"))) {
                String content = Files.readString(file);
                assertFalse(content.contains(password), file + " must not contain the password");
            }
            List<AuditEvent> events = audit.query(AuditQuery.latest(10));
            assertEquals(1, events.size());
            assertEquals("user.create", events.get(0).action());
            assertEquals("system", events.get(0).actor());
            assertEquals("admin", events.get(0).target());

            console.reset();
            UserDirectory secondStart = start(audit, null);
            assertEquals("", console.toString(StandardCharsets.UTF_8), "nothing printed on a later start");
            assertTrue(secondStart.verifyPassword("admin", password.toCharArray()));
            assertEquals(1, audit.query(AuditQuery.latest(10)).size());
        }
    }

    @Test
    void aPresetPasswordIsUsedAndNotPrinted() throws IOException {
        try (JsonLinesAuditLog audit = new JsonLinesAuditLog(dir.resolve("audit/audit.log"), Clock.systemUTC())) {
            UserDirectory users = start(audit, "preset-password-42");
            String printed = console.toString(StandardCharsets.UTF_8);
            assertFalse(printed.contains("preset-password-42"), printed);
            assertFalse(printed.contains("with password: "), printed);
            assertTrue(users.verifyPassword("admin", "preset-password-42".toCharArray()));
        }
    }

    @Test
    void aTooShortPresetFallsBackToARandomPassword() throws IOException {
        try (JsonLinesAuditLog audit = new JsonLinesAuditLog(dir.resolve("audit/audit.log"), Clock.systemUTC())) {
            UserDirectory users = start(audit, "short");
            Matcher banner = BANNER.matcher(console.toString(StandardCharsets.UTF_8));
            assertTrue(banner.find());
            assertTrue(users.verifyPassword("admin", banner.group(1).toCharArray()));
            assertFalse(users.verifyPassword("admin", "short".toCharArray()));
        }
    }
}
