package org.deskplane.delivery.iso.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

import org.deskplane.delivery.iso.IsoImageBuilder;
import org.deskplane.disk.api.BlockDevice;
import org.deskplane.disk.api.BlockDevices;
import org.deskplane.disk.api.FileEntry;
import org.deskplane.disk.api.FileSystem;
import org.deskplane.disk.api.FileSystemType;
import org.deskplane.disk.api.OpenFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The project's own ISO 9660 reader (org.deskplane.disk.iso9660) reads our images: Rock Ridge and Joliet. */
class ProjectReaderTest {

    @TempDir
    Path dir;

    @Test
    void rockRidgeNamesAndContentReadBack() throws Exception {
        Path source = Trees.payload(dir.resolve("src"), 6);
        Path image = dir.resolve("rr.iso");
        IsoImageBuilder.create("DP_READER").addTree(source).writeTo(image, null);
        FileSystemType iso = IsoService.get();
        try (BlockDevice device = BlockDevices.file(image); FileSystem fs = iso.open(device)) {
            assertEquals("DP_READER", fs.label());
            Map<String, String> read = new TreeMap<>();
            walk(fs, "/", "", read);
            Map<String, String> want = new TreeMap<>();
            Trees.snapshot(source).forEach((path, item) -> want.put(path, item.equals("dir") ? "dir"
                    : item.substring(0, item.length() - 2)));
            assertEquals(want, read);
        }
    }

    @Test
    void jolietNamesReadBackWhenRockRidgeIsOff() throws Exception {
        Path image = dir.resolve("joliet.iso");
        String longName = "a fairly long Joliet name that is exactly sixty-four characters.x";
        assertEquals(64, longName.length());
        String tooLong = "a".repeat(80) + ".txt";
        IsoImageBuilder.create("DP_JOLIET").rockRidge(false)
                .addBytes("Grüße/日本語 ファイル.txt", "jp".getBytes())
                .addBytes("Grüße/emoji 😀.txt", "emoji".getBytes())
                .addBytes(longName, "64".getBytes())
                .addBytes(tooLong, "cut 1".getBytes())
                .addBytes("a".repeat(81) + ".txt", "cut 2".getBytes())
                .writeTo(image, null);
        FileSystemType iso = IsoService.get();
        try (BlockDevice device = BlockDevices.file(image); FileSystem fs = iso.open(device)) {
            assertEquals("jp", read(fs, "/Grüße/日本語 ファイル.txt"));
            assertEquals("emoji", read(fs, "/Grüße/emoji 😀.txt"));
            assertEquals("64", read(fs, "/" + longName));
            // longer names are cut to 64 UTF-16 units keeping the extension, and stay unique
            String cut = "a".repeat(60) + ".txt";
            assertEquals("cut 1", read(fs, "/" + cut));
            assertEquals("cut 2", read(fs, "/" + "a".repeat(58) + "~1.txt"));
            assertTrue(fs.list("/").stream().allMatch(entry -> entry.name().length() <= 64));
        }
    }

    private static void walk(FileSystem fs, String path, String relative, Map<String, String> out) throws Exception {
        for (FileEntry entry : fs.list(path)) {
            String child = relative.isEmpty() ? entry.name() : relative + "/" + entry.name();
            String childPath = path.endsWith("/") ? path + entry.name() : path + "/" + entry.name();
            if (entry.isDirectory()) {
                out.put(child, "dir");
                walk(fs, childPath, child, out);
            } else {
                out.put(child, Trees.sha256(readBytes(fs, childPath)));
            }
        }
    }

    private static String read(FileSystem fs, String path) throws Exception {
        return new String(readBytes(fs, path), java.nio.charset.StandardCharsets.UTF_8);
    }

    private static byte[] readBytes(FileSystem fs, String path) throws Exception {
        try (OpenFile file = fs.open(path)) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[65536];
            long position = 0;
            int n;
            while ((n = file.read(position, buffer, 0, buffer.length)) > 0) {
                out.write(buffer, 0, n);
                position += n;
            }
            assertEquals(file.entry().size(), position);
            return out.toByteArray();
        }
    }
}
