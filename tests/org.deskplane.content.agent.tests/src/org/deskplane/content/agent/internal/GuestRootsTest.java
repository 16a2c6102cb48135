package org.deskplane.content.agent.internal;

import static org.deskplane.content.agent.internal.Guest.config;
import static org.deskplane.content.agent.internal.Guest.roots;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/** Which guest directories are served, and how a request path maps into them. */
class GuestRootsTest {

    @TempDir
    Path temp;
    private Path home;

    @BeforeEach
    void setUp() throws IOException {
        temp = temp.toRealPath();
        home = Files.createDirectories(temp.resolve("one/home"));
        Files.createDirectories(home.resolve("alice"));
        Files.writeString(home.resolve("alice/notes.txt"), "hello");
    }

    @Test
    void oneRootIsServedAtSlash() throws GuestError {
        GuestRoots roots = roots(home);

        assertEquals(List.of("home"), List.copyOf(roots.roots().keySet()));
        GuestRoots.Located top = roots.locate("/");
        assertFalse(top.virtualRoot());
        assertEquals(home, top.file());
        assertEquals("", top.name());
        GuestRoots.Located notes = roots.locate("/alice/notes.txt");
        assertEquals(home.resolve("alice/notes.txt"), notes.file());
        assertEquals("notes.txt", notes.name());
        assertEquals("/alice/notes.txt", notes.path());
    }

    @Test
    void severalRootsAppearUnderAVirtualSlashWithSuffixesForRepeatedNames() throws Exception {
        Path otherHome = Files.createDirectories(temp.resolve("two/home"));
        Path thirdHome = Files.createDirectories(temp.resolve("three/home"));
        Path users = Files.createDirectories(temp.resolve("Users"));

        GuestRoots roots = roots(home, otherHome, users, thirdHome);

        assertEquals(List.of("home", "home-2", "Users", "home-3"), List.copyOf(roots.roots().keySet()),
                "named after the last segment, in configuration order");
        assertTrue(roots.locate("/").virtualRoot());
        assertEquals(home.resolve("alice/notes.txt"), roots.locate("/home/alice/notes.txt").file());
        assertEquals(otherHome.resolve("x"), roots.locate("/home-2/x").file());
        assertEquals(thirdHome, roots.locate("/home-3").file());
        assertEquals("home-3", roots.locate("/home-3").name());
        assertEquals(GuestError.NOT_FOUND, assertThrows(GuestError.class, () -> roots.locate("/home-4/x")).reason());
        assertEquals(GuestError.NOT_FOUND, assertThrows(GuestError.class, () -> roots.locate("/alice")).reason());
    }

    @Test
    void missingRelativeAndRepeatedRootsAreSkipped() throws GuestError {
        GuestRoots roots = new GuestRoots();
        roots.configure(config(temp.resolve("missing").toString(), "relative/dir", home.toString(),
                home.resolve("alice/notes.txt").toString(), temp.resolve("one/./home").toString()));

        assertEquals(List.of(home), List.copyOf(roots.roots().values()),
                "only the existing absolute directory, once, so it is served at /");
        assertEquals(home.resolve("alice"), roots.locate("/alice").file());
    }

    @Test
    void aRootGivenThroughALinkIsServedAtItsRealPath() throws Exception {
        Path link = Files.createSymbolicLink(temp.resolve("home-link"), home);

        GuestRoots roots = roots(link);

        assertEquals(home, roots.roots().get("home"));
    }

    @Test
    void withoutAnyRootSlashIsAnEmptyVirtualDirectory() throws GuestError {
        GuestRoots roots = roots(temp.resolve("missing"));

        assertTrue(roots.roots().isEmpty());
        assertTrue(roots.locate("/").virtualRoot());
        assertEquals(GuestError.NOT_FOUND, assertThrows(GuestError.class, () -> roots.locate("/home")).reason());
    }

    @Test
    void reconfiguringTakesEffectForTheNextRequest() throws Exception {
        Path other = Files.createDirectories(temp.resolve("other"));
        GuestRoots roots = roots(home);

        roots.configure(config(other.toString()));

        assertEquals(other.resolve("alice"), roots.locate("/alice").file());
    }

    @TestFactory
    Stream<DynamicTest> malformedPathsAreInvalid() {
        GuestRoots roots = roots(home);
        return Stream.of("", "alice", "alice/notes.txt", "//", "/alice/", "/alice//notes.txt", "/.", "/./alice",
                "/..", "/alice/..", "/alice/../../etc/passwd", "/alice/nul\0.txt", "/" + "a".repeat(GuestRoots.MAX_PATH))
                .map(path -> DynamicTest.dynamicTest(path.length() > 40 ? "too long" : "[" + path.replace("\0", "\\0") + "]", () -> {
                    GuestError e = assertThrows(GuestError.class, () -> roots.locate(path));
                    assertEquals(GuestError.INVALID, e.reason(), e.getMessage());
                }));
    }

    @Test
    void aPathOfTheMaximumLengthIsAccepted() throws GuestError {
        String path = "/" + "a".repeat(GuestRoots.MAX_PATH - 1);

        assertEquals(home.resolve(path.substring(1)), roots(home).locate(path).file());
    }

    @Test
    void aSymbolicLinkOnTheWayIsNeverFollowed() throws Exception {
        Path outside = Files.createDirectories(temp.resolve("outside"));
        Files.writeString(outside.resolve("secret.txt"), "secret");
        Files.createSymbolicLink(home.resolve("escape"), outside);
        Files.createSymbolicLink(home.resolve("alice-link"), home.resolve("alice"));
        GuestRoots roots = roots(home);

        for (String path : new String[] { "/escape/secret.txt", "/alice-link/notes.txt" }) {
            GuestError e = assertThrows(GuestError.class, () -> roots.locate(path), path);
            assertEquals(GuestError.WRONG_TYPE, e.reason(), path);
        }
        // the link itself, as the last segment, is located (and reported as a link by the handlers)
        assertEquals(home.resolve("escape"), roots.locate("/escape").file());
    }

    @Test
    void aFileOrAMissingDirectoryOnTheWayIsRefused() {
        GuestRoots roots = roots(home);

        assertEquals(GuestError.WRONG_TYPE,
                assertThrows(GuestError.class, () -> roots.locate("/alice/notes.txt/more")).reason());
        assertEquals(GuestError.NOT_FOUND, assertThrows(GuestError.class, () -> roots.locate("/bob/notes.txt")).reason());
    }
}
