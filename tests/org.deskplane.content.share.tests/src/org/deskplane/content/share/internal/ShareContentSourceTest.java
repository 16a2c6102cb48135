package org.deskplane.content.share.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.deskplane.content.api.ContentEntry;
import org.deskplane.content.api.ContentException;
import org.deskplane.content.api.ContentException.Reason;
import org.deskplane.content.api.ContentLocation;
import org.deskplane.content.api.ContentView;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Opening a share location: its root must be a directory that is there; writable only when configured. */
class ShareContentSourceTest {

    @TempDir
    Path temp;

    private final ShareContentSource source = new ShareContentSource();

    @Test
    void opensAViewOfTheRoot() throws IOException {
        Files.writeString(temp.resolve("hello.txt"), "hi");
        try (ContentView view = source.open(location(Map.of("root", temp.toString())))) {
            assertEquals(List.of("hello.txt"), view.list("/").stream().map(ContentEntry::name).toList());
            assertFalse(view.writable(), "a share is read-only unless configured writable");
        }
    }

    @Test
    void writableWhenConfigured() throws IOException {
        try (ContentView view = source.open(location(Map.of("root", temp.toString(), "writable", "true")))) {
            assertTrue(view.writable());
        }
    }

    @Test
    void aMissingRootIsUnavailable() {
        ContentException e = assertThrows(ContentException.class,
                () -> source.open(location(Map.of("root", temp.resolve("gone").toString()))));
        assertEquals(Reason.UNAVAILABLE, e.reason());
    }

    @Test
    void aRootThatIsAFileIsUnavailable() throws IOException {
        Path file = Files.writeString(temp.resolve("file"), "x");
        ContentException e = assertThrows(ContentException.class,
                () -> source.open(location(Map.of("root", file.toString()))));
        assertEquals(Reason.UNAVAILABLE, e.reason());
    }

    @Test
    void noRootAttributeIsUnavailable() {
        ContentException e = assertThrows(ContentException.class, () -> source.open(location(Map.of())));
        assertEquals(Reason.UNAVAILABLE, e.reason());
    }

    @Test
    void aRootReachedThroughASymlinkIsConfinedToItsTarget() throws IOException {
        Path real = Files.createDirectory(temp.resolve("real"));
        Files.writeString(real.resolve("inside.txt"), "in");
        Path link = Files.createSymbolicLink(temp.resolve("link"), real);
        try (ContentView view = source.open(location(Map.of("root", link.toString())))) {
            assertEquals(List.of("inside.txt"), view.list("/").stream().map(ContentEntry::name).toList());
        }
    }

    private static ContentLocation location(Map<String, String> attributes) {
        return new ContentLocation("share:test", "share", attributes);
    }
}
