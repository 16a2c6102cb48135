package org.deskplane.delivery.iso.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

import org.deskplane.delivery.iso.IsoImageBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Images read back by xorriso, bsdtar and blkid: same files, names, executable bits and label as the source. */
class ExternalReadersTest {

    @TempDir
    Path dir;

    @Test
    void xorrisoAndBsdtarExtractTheSameTreeWithNamesAndExecutableBits() throws Exception {
        Path source = Trees.payload(dir.resolve("src"), 1);
        Path image = dir.resolve("payload.iso");
        IsoImageBuilder builder = IsoImageBuilder.create("DP_HELLO_1").timestamp(Instant.parse("2026-11-22T10:00:00Z"));
        builder.addTree(source);
        long expected = builder.imageSize();
        builder.writeTo(image, null);
        assertEquals(expected, Files.size(image), "imageSize() is what writeTo writes");
        assertTrue(Files.notExists(dir.resolve("payload.iso.tmp")));

        Map<String, String> want = Trees.snapshot(source);
        assertTrue(want.get("install.sh").endsWith(" x"), "the fixture has an executable script");
        assertEquals(want, Trees.snapshot(Tools.xorrisoExtract(image, dir.resolve("xorriso"))));
        assertEquals(want, Trees.snapshot(Tools.bsdtarExtract(image, dir.resolve("bsdtar"))));
    }

    @Test
    void unicodeAndDeepPathsAreListedByBothTools() throws Exception {
        Path source = Trees.payload(dir.resolve("src"), 2);
        Path image = dir.resolve("deep.iso");
        IsoImageBuilder.create("DEEP").addTree(source).writeTo(image, null);
        String deep = "level 0/level 1/level 2/level 3/level 4/level 5/level 6/level 7/level 8/level 9/level 10/"
                + "level 11/level 12/level 13/" + "n".repeat(196) + ".txt";
        String xorriso = Tools.run(dir, "xorriso", "-indev", image.toString(), "-find", "/", "-type", "f");
        assertTrue(xorriso.contains("/" + deep), xorriso);
        assertTrue(xorriso.contains("/Grüße/emoji 😀 outside the BMP.txt"), xorriso);
        assertTrue(xorriso.contains("/Grüße/日本語 ファイル.txt"), xorriso);
        String bsdtar = Tools.run(dir, "bsdtar", "-tf", image.toString());
        assertTrue(bsdtar.contains(deep), bsdtar);
        assertTrue(bsdtar.contains("Grüße/emoji 😀 outside the BMP.txt"), bsdtar);
        assertTrue(bsdtar.contains("ü".repeat(120) + ".txt"), bsdtar);
    }

    @Test
    void labelIsWhatBlkidAndXorrisoReport() throws Exception {
        Path image = dir.resolve("label.iso");
        IsoImageBuilder.create("DP_PATCH_2026_11").addBytes("run.sh", "echo\n".getBytes(), true)
                .writeTo(image, null);
        assertEquals("DP_PATCH_2026_11", Tools.run(dir, "blkid", "-o", "value", "-s", "LABEL", image.toString()).strip());
        assertEquals("iso9660", Tools.run(dir, "blkid", "-o", "value", "-s", "TYPE", image.toString()).strip());
        String pvd = Tools.run(dir, "xorriso", "-indev", image.toString(), "-pvd_info");
        assertTrue(pvd.lines().anyMatch(line -> line.matches("Volume Id\\s*:\\s*DP_PATCH_2026_11\\s*")), pvd);
    }
}
