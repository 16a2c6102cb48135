package org.deskplane.delivery.iso.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;

import org.deskplane.delivery.iso.IsoImageBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A 2 GiB file (sparse at the source, real bytes in the image) beside small ones. */
class LargePayloadTest {

    private static final long TWO_GIB = 2L << 30;

    @TempDir
    Path dir;

    @Test
    void twoGibFileIsWrittenListedAndReadBackWithItsHash() throws Exception {
        Path source = dir.resolve("src");
        Files.createDirectories(source.resolve("small"));
        Path big = source.resolve("disk image.raw");
        try (RandomAccessFile file = new RandomAccessFile(big.toFile(), "rw")) {
            file.setLength(TWO_GIB);
            file.seek(TWO_GIB - 5); // bytes at the very end, so a truncated copy cannot hash the same
            file.write("tail!".getBytes());
            file.seek(12345);
            file.write("head".getBytes());
        }
        Files.writeString(source.resolve("small/a.txt"), "a\n");
        Files.writeString(source.resolve("small/b.txt"), "b\n");
        Files.writeString(source.resolve("install.sh"), "#!/bin/sh\n");
        Path image = dir.resolve("big.iso");
        try {
            IsoImageBuilder builder = IsoImageBuilder.create("DP_BIG").addTree(source);
            builder.writeTo(image, null);
            assertEquals(builder.imageSize(), Files.size(image));
            assertTrue(Files.size(image) > TWO_GIB);

            String listing = Tools.run(dir, "xorriso", "-indev", image.toString(), "-lsl", "/");
            assertTrue(listing.lines().anyMatch(line -> line.contains(" " + TWO_GIB + " ")
                    && line.endsWith("'disk image.raw'")), listing);
            String hash = Tools.shell(dir, "bsdtar -xOf '" + image + "' 'disk image.raw' | sha256sum").split(" ")[0];
            assertEquals(Trees.sha256(big), hash);
            assertEquals("a\n", Tools.shell(dir, "bsdtar -xOf '" + image + "' small/a.txt"));
        } finally {
            Files.deleteIfExists(image);
        }
    }
}
