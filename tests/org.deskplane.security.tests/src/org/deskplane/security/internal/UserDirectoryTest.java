package org.deskplane.security.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;

import org.deskplane.security.api.Role;
import org.deskplane.security.api.UserAccount;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UserDirectoryTest {

    @TempDir
    Path dir;

    private final MovableClock clock = new MovableClock(Instant.parse("2025-03-01T10:00:00Z"));

    private UserDirectory open(int iterations) throws IOException {
        return UserDirectory.open(new UserFile(dir.resolve("users.json")),
                new PasswordHasher(new SecureRandom(), iterations), clock);
    }

    @Test
    void createdUsersSurviveAReopenAndOnlyTheHashIsStored() throws IOException {
        UserDirectory users = open(1_000);
        assertTrue(users.isFirstStart());
        UserAccount created = users.create("alice", "alice-secret-1".toCharArray(), Role.OPERATOR);
        assertEquals(new UserAccount("alice", Role.OPERATOR, clock.instant(), false), created);

        UserDirectory reopened = open(1_000);
        assertFalse(reopened.isFirstStart());
        assertEquals(List.of(created), reopened.list());
        assertTrue(reopened.verifyPassword("alice", "alice-secret-1".toCharArray()));
        assertFalse(reopened.verifyPassword("alice", "alice-secret-2".toCharArray()));
        assertFalse(reopened.verifyPassword("bob", "alice-secret-1".toCharArray()));

        String file = Files.readString(dir.resolve("users.json"), StandardCharsets.UTF_8);
        assertFalse(file.contains("alice-secret-1"), file);
        assertTrue(file.contains("PBKDF2WithHmacSHA256"), file);
        assertEquals(List.of("users.json"), listDir(), "no temp files left behind");
    }

    @Test
    void userNamesAndPasswordsAreChecked() throws IOException {
        UserDirectory users = open(1_000);
        for (String bad : new String[] { "", "Alice", "al ice", "a/b", "x".repeat(65), "ünï" }) {
            assertThrows(IllegalArgumentException.class,
                    () -> users.create(bad, "long-enough-1".toCharArray(), Role.USER), bad);
        }
        users.create("a.b_c-9", "long-enough-1".toCharArray(), Role.USER);
        users.create("x".repeat(64), "long-enough-1".toCharArray(), Role.USER);
        IllegalArgumentException tooShort = assertThrows(IllegalArgumentException.class,
                () -> users.create("carol", "123456789".toCharArray(), Role.USER));
        assertTrue(tooShort.getMessage().contains("10"), tooShort.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> users.create("a.b_c-9", "another-password".toCharArray(), Role.USER), "name taken");
        assertThrows(IllegalArgumentException.class, () -> users.create("dave", "long-enough-1".toCharArray(), null));
        assertEquals(2, open(1_000).list().size());
    }

    @Test
    void theLastAdminCannotBeDeletedOrDemoted() throws IOException {
        UserDirectory users = open(1_000);
        users.create("root", "root-password-1".toCharArray(), Role.ADMIN);
        assertThrows(IllegalStateException.class, () -> users.delete("root"));
        assertThrows(IllegalStateException.class, () -> users.setRole("root", Role.USER));
        users.create("second", "second-password".toCharArray(), Role.ADMIN);
        users.delete("root");
        assertTrue(users.find("root").isEmpty());
        assertThrows(IllegalArgumentException.class, () -> users.delete("root"));
        assertTrue(open(1_000).find("root").isEmpty(), "deletion is stored");
    }

    @Test
    void passwordAndRoleChangesAreStored() throws IOException {
        UserDirectory users = open(1_000);
        users.create("erin", "first-password".toCharArray(), Role.USER);
        users.setPassword("erin", "second-password".toCharArray());
        users.setRole("erin", Role.OPERATOR);
        UserDirectory reopened = open(1_000);
        assertTrue(reopened.verifyPassword("erin", "second-password".toCharArray()));
        assertFalse(reopened.verifyPassword("erin", "first-password".toCharArray()));
        assertEquals(Role.OPERATOR, reopened.find("erin").orElseThrow().role());
    }

    @Test
    void aWeakerOldHashIsRaisedOnTheNextSuccessfulLogin() throws IOException {
        open(1_000).create("frank", "frank-password".toCharArray(), Role.USER);
        UserDirectory stronger = open(3_000);
        assertTrue(stronger.verifyPassword("frank", "frank-password".toCharArray()));
        String file = Files.readString(dir.resolve("users.json"));
        assertTrue(file.contains("\"iterations\" : 3000"), file);
        assertTrue(open(3_000).verifyPassword("frank", "frank-password".toCharArray()));
    }

    @Test
    void anUnreadableUsersFileIsRefusedAndLeftAlone() throws IOException {
        Path file = dir.resolve("users.json");
        Files.writeString(file, "{ this is not json");
        IOException e = assertThrows(IOException.class, () -> open(1_000));
        assertTrue(e.getMessage().contains("users.json"), e.getMessage());
        assertEquals("{ this is not json", Files.readString(file));
    }

    private List<String> listDir() throws IOException {
        try (var files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
