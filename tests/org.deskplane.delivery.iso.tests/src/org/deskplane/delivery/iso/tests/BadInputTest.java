package org.deskplane.delivery.iso.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

import org.deskplane.delivery.iso.IsoImageBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/** Bad input fails with a clear message, changes nothing in the builder and leaves no file behind. */
class BadInputTest {

    @TempDir
    Path dir;

    @Test
    void badLabelsAreRefused() {
        assertMessage(() -> IsoImageBuilder.create("dp_hello"), "A-Z, 0-9 and '_'");
        assertMessage(() -> IsoImageBuilder.create("DP-HELLO"), "'-' at 2");
        assertMessage(() -> IsoImageBuilder.create(""), "1 to 16");
        assertMessage(() -> IsoImageBuilder.create("A".repeat(17)), "1 to 16");
        assertMessage(() -> IsoImageBuilder.create(null), "1 to 16");
        assertEquals("A".repeat(16), IsoImageBuilder.create("A".repeat(16)).label());
    }

    @Test
    void symbolicLinksAreRefusedAndNothingIsAdded() throws Exception {
        Path source = dir.resolve("src");
        Files.createDirectories(source.resolve("b"));
        Files.writeString(source.resolve("a.txt"), "a");
        Files.createSymbolicLink(source.resolve("b/link"), Path.of("/etc/passwd"));
        IsoImageBuilder builder = IsoImageBuilder.create("LINKS");
        long empty = builder.imageSize();
        assertMessage(() -> builder.addTree(source), "symbolic links are not supported");
        assertMessage(() -> builder.addFile("x", source.resolve("b/link")), "symbolic links are not supported");
        Files.createSymbolicLink(dir.resolve("linked dir"), source);
        assertMessage(() -> builder.addTree(dir.resolve("linked dir")), "symbolic links are not supported");
        assertEquals(empty, builder.imageSize(), "the files before the link were taken back out");
        Path image = dir.resolve("links.iso");
        builder.writeTo(image, null);
        assertEquals("", Tools.run(dir, "bsdtar", "-tf", image.toString()).replace("./\n", "").strip());
    }

    @Test
    void pathsEscapingTheImageOrMalformedAreRefused() {
        IsoImageBuilder builder = IsoImageBuilder.create("PATHS");
        byte[] x = {1};
        assertMessage(() -> builder.addBytes("../etc/passwd", x), "'..' segment");
        assertMessage(() -> builder.addBytes("a/../../b", x), "'..' segment");
        assertMessage(() -> builder.addBytes("a/./b", x), "'.' segment");
        assertMessage(() -> builder.addBytes("a//b", x), "empty name");
        assertMessage(() -> builder.addBytes("a/", x), "empty name");
        assertMessage(() -> builder.addBytes("/", x), "names the root");
        assertMessage(() -> builder.addBytes("nul\0byte", x), "NUL");
        assertMessage(() -> builder.addBytes("lone \uD800 surrogate", x), "not valid Unicode");
        assertMessage(() -> builder.addBytes("n".repeat(256), x), "longer than 255");
        assertMessage(() -> builder.addBytes("ü".repeat(128), x), "256 UTF-8 bytes");
        builder.addBytes("n".repeat(255), x);
        assertMessage(() -> builder.addBytes("n".repeat(255) + "/y", x), "is a file, not a directory");
        assertMessage(() -> builder.addBytes("n".repeat(255), x), "already in the image");
        assertMessage(() -> builder.timestamp(Instant.parse("1899-12-31T23:59:59Z")), "between 1900 and 2155");
    }

    @Test
    void tooManyEntriesAreRefusedAndNothingIsLeft() throws Exception {
        Path source = dir.resolve("src");
        Files.createDirectories(source.resolve("d"));
        for (int i = 0; i < 10; i++) {
            Files.writeString(source.resolve("d/f" + i), "x");
        }
        IsoImageBuilder builder = IsoImageBuilder.create("MANY").maxEntries(10);
        builder.addBytes("keep.txt", "kept".getBytes());
        long before = builder.imageSize();
        assertMessage(() -> builder.addTree(source), "too many entries: the image is limited to 10");
        assertEquals(before, builder.imageSize());
        for (int i = 0; i < 9; i++) {
            builder.addBytes("f" + i, new byte[0]);
        }
        assertMessage(() -> builder.addBytes("one more", new byte[0]), "too many entries");
        assertMessage(() -> IsoImageBuilder.create("MANY").maxEntries(0), "at least 1");
        assertFalse(Files.exists(dir.resolve("many.iso")));
    }

    @Test
    void filesOver4GibAreRefused() throws Exception {
        Path huge = dir.resolve("huge.raw");
        try (RandomAccessFile file = new RandomAccessFile(huge.toFile(), "rw")) {
            file.setLength(4L << 30); // sparse: costs no disk
        }
        IsoImageBuilder builder = IsoImageBuilder.create("HUGE");
        assertMessage(() -> builder.addFile("huge.raw", huge), "at most 4 GiB - 1");
        assertMessage(() -> builder.addTree(dir), "at most 4 GiB - 1");
    }

    @Test
    void aSourceThatChangesBeforeWritingLeavesNoFile() throws Exception {
        Path source = dir.resolve("payload.bin");
        Files.write(source, new byte[5000]);
        IsoImageBuilder builder = IsoImageBuilder.create("GONE").addFile("payload.bin", source);
        Path image = dir.resolve("out/gone.iso");
        Files.createDirectories(image.getParent());
        Files.write(source, new byte[10]);
        IOException changed = assertThrows(IOException.class, () -> builder.writeTo(image, null));
        assertTrue(changed.getMessage().contains("changed size"), changed.getMessage());
        Files.delete(source);
        assertThrows(IOException.class, () -> builder.writeTo(image, null));
        try (var files = Files.list(image.getParent())) {
            assertEquals(0, files.count(), "neither the image nor its .tmp is left");
        }
    }

    private static void assertMessage(Executable call, String part) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().contains(part), "message \"" + e.getMessage() + "\" should contain " + part);
    }
}
