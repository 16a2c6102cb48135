package org.deskplane.layers.merge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.deskplane.layers.api.PathMapping;
import org.junit.jupiter.api.Test;

class PathMapperTest {

    private final PathMapper linuxToWindows = new PathMapper(List.of(
            new PathMapping("home/alice", "Users/alice"),
            new PathMapping("home/alice/Documents", "Users/alice/My Documents"),
            new PathMapping("home/alice/.config/app", "Users/alice/AppData/Roaming/app")));

    @Test
    void longestPrefixWins() {
        assertEquals(Optional.of("Users/alice/My Documents/cv.odt"), linuxToWindows.toEndpoint("home/alice/Documents/cv.odt"));
        assertEquals(Optional.of("Users/alice/Music/a.ogg"), linuxToWindows.toEndpoint("home/alice/Music/a.ogg"));
        assertEquals(Optional.of("Users/alice/AppData/Roaming/app/x.ini"),
                linuxToWindows.toEndpoint("home/alice/.config/app/x.ini"));
    }

    @Test
    void prefixMatchesWholeSegmentsOnly() {
        assertEquals(Optional.of("Users/alice/Documents2/x"), linuxToWindows.toEndpoint("home/alice/Documents2/x"));
        assertEquals(Optional.of("home/alicea/x"), linuxToWindows.toEndpoint("home/alicea/x"));
    }

    @Test
    void mapsBothWaysAndRoundTrips() {
        for (String cvd : List.of("home/alice/Documents/a/b.txt", "home/alice/Documents", "home/alice/x", "srv/y")) {
            String endpoint = linuxToWindows.toEndpoint(cvd).orElseThrow();
            assertEquals(Optional.of(cvd), linuxToWindows.toCvd(endpoint), cvd);
        }
        assertEquals(Optional.of("home/alice/Documents/cv.odt"), linuxToWindows.toCvd("Users/alice/My Documents/cv.odt"));
    }

    @Test
    void refusesPathsThatWouldCollide() {
        // CVD "home/alice/My Documents/x" would land where "home/alice/Documents/x" goes.
        PathMapper m = new PathMapper(List.of(new PathMapping("Documents", "My Documents")));
        assertEquals(Optional.empty(), m.toEndpoint("My Documents/x"));
        assertEquals(Optional.of("My Documents/x"), m.toEndpoint("Documents/x"));
        assertEquals(Optional.empty(), m.toCvd("Documents/x"));
    }

    @Test
    void refusesRulesThatEscapeTheRootOrAreAmbiguous() {
        assertThrows(IllegalArgumentException.class, () -> new PathMapper(List.of(new PathMapping("Documents", "../etc"))));
        assertThrows(IllegalArgumentException.class, () -> new PathMapper(List.of(new PathMapping("/home", "Users"))));
        assertThrows(IllegalArgumentException.class, () -> new PathMapper(List.of(new PathMapping("a", "b/./c"))));
        assertThrows(IllegalArgumentException.class, () -> new PathMapper(List.of(new PathMapping("a", "C:\\Users"))));
        assertThrows(IllegalArgumentException.class,
                () -> new PathMapper(List.of(new PathMapping("a", "x"), new PathMapping("b", "x"))));
        assertThrows(IllegalArgumentException.class,
                () -> new PathMapper(List.of(new PathMapping("a", "x"), new PathMapping("a/", "y"))));
    }

    @Test
    void invalidPathsHaveNoPlace() {
        assertEquals(Optional.empty(), linuxToWindows.toEndpoint("../etc/passwd"));
        assertEquals(Optional.empty(), linuxToWindows.toEndpoint("/etc/passwd"));
        assertEquals(Optional.empty(), linuxToWindows.toCvd("Users/alice/../../etc"));
    }

    @Test
    void emptyPrefixStandsForTheRoot() {
        PathMapper m = new PathMapper(List.of(new PathMapping("", "home/bob")));
        assertEquals(Optional.of("home/bob/Documents/a"), m.toEndpoint("Documents/a"));
        assertEquals(Optional.of("Documents/a"), m.toCvd("home/bob/Documents/a"));
        assertEquals(Optional.empty(), m.toCvd("etc/passwd"));
    }

    @Test
    void resolvesInsideTheRootOnly() {
        Path root = Path.of("/tmp/endpoint-root");
        Path p = linuxToWindows.resolveOnEndpoint(root, "home/alice/Documents/cv.odt");
        assertEquals(root.resolve("Users/alice/My Documents/cv.odt"), p);
        assertTrue(p.startsWith(root));
        assertThrows(IllegalArgumentException.class, () -> linuxToWindows.resolveOnEndpoint(root, "../x"));
    }

    @Test
    void identityKeepsPaths() {
        assertEquals(Optional.of("a/b"), PathMapper.identity().toEndpoint("a/b"));
        assertEquals(Optional.of("a/b"), PathMapper.identity().toCvd("a/b"));
    }
}
