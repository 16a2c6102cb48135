package org.deskplane.disk.iso9660.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.deskplane.disk.api.BlockDevice;
import org.deskplane.disk.api.BlockDevices;
import org.deskplane.disk.api.FileEntry;
import org.deskplane.disk.api.FileSystem;
import org.deskplane.disk.api.FileSystemType;
import org.deskplane.disk.api.FileType;
import org.deskplane.disk.api.OpenFile;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Images made by xorriso from seeded random trees read back equal to the trees, in each naming mode. */
class Iso9660TreeTest {

    @TempDir
    Path dir;
    FileSystemType iso;

    @BeforeEach
    void setUp() throws Exception {
        iso = IsoService.get();
    }

    @Test
    void rockRidgeWithJolietReadsBackTheWholeTree() throws Exception {
        Path source = dir.resolve("src");
        SourceTree.create(source, 1, SourceTree.Names.UNICODE, true, 20);
        // only Rock Ridge TF records an access time (the directory record's date is the mtime)
        // (later than the mtime and not in the past, so relatime leaves it alone while xorriso reads the file)
        java.time.Instant accessed = java.time.Instant.parse("2031-02-03T04:05:06Z");
        Files.getFileAttributeView(source.resolve("big.bin"),
                java.nio.file.attribute.BasicFileAttributeView.class)
                .setTimes(null, java.nio.file.attribute.FileTime.from(accessed), null);
        Path image = Tools.mkisofs(source, dir.resolve("rr-j.iso"), "-J", "-R", "-joliet-long");
        assertSameTree(source, image, true);
        try (BlockDevice device = BlockDevices.file(image); FileSystem fs = iso.open(device)) {
            assertEquals("iso9660", fs.type());
            assertEquals("DESKPLANE", fs.label());
            FileEntry link = fs.stat("/link to big");
            assertEquals(FileType.SYMLINK, link.type());
            assertEquals("big.bin", link.linkTarget());
            assertTrue(fs.stat("/big.bin").modified() != null);
            assertEquals(accessed, fs.stat("/big.bin").accessed());
            assertThrows(NotDirectoryException.class, () -> fs.list("/big.bin"));
            assertThrows(NotDirectoryException.class, () -> fs.stat("/link to big/x"));
            assertThrows(NoSuchFileException.class, () -> fs.stat("/no such file"));
            assertThrows(NoSuchFileException.class, () -> fs.stat("/BIG.BIN"), "Rock Ridge names are exact");
            assertThrows(java.io.IOException.class, () -> fs.open("/level1"));
        }
    }

    @Test
    void rockRidgeWithoutJoliet() throws Exception {
        Path source = dir.resolve("src");
        SourceTree.create(source, 2, SourceTree.Names.UNICODE, true, 20);
        assertSameTree(source, Tools.mkisofs(source, dir.resolve("rr.iso"), "-R"), true);
    }

    @Test
    void jolietWithoutRockRidgeReadsUnicodeNames() throws Exception {
        Path source = dir.resolve("src");
        SourceTree.create(source, 3, SourceTree.Names.UNICODE, false, 6);
        Path image = Tools.mkisofs(source, dir.resolve("j.iso"), "--norock", "-J");
        assertSameTree(source, image, true); // times from the directory records
        try (BlockDevice device = BlockDevices.file(image); FileSystem fs = iso.open(device)) {
            assertEquals(5000, fs.stat("/Ünïcødé — 日本語 ✓.txt").size());
        }
    }

    @Test
    void plainIso9660NamesWithoutVersionAndCaseInsensitive() throws Exception {
        Path source = dir.resolve("src");
        SourceTree.create(source, 4, SourceTree.Names.PLAIN, false, 6);
        Path image = Tools.mkisofs(source, dir.resolve("plain.iso"), "--norock");
        assertSameTree(source, image, true); // times from the directory records
        try (BlockDevice device = BlockDevices.file(image); FileSystem fs = iso.open(device)) {
            assertEquals(fs.stat("/BIG.BIN").size(), fs.stat("/big.bin").size());
        }
    }

    @Test
    void deepDirectoriesRelocatedByRockRidgeAppearInTheirPlace() throws Exception {
        Path source = dir.resolve("src");
        SourceTree.create(source, 7, SourceTree.Names.UNICODE, true, 14);
        Path image = dir.resolve("reloc.iso");
        // ECMA-119 allows 8 levels: with deep paths off, xorriso moves deeper directories to the root, marks
        // the moved copy RE and leaves a CL entry where each belongs
        Tools.run(dir, "xorriso", "-outdev", image.toString(), "-compliance", "deep_paths_off:long_paths_off",
                "-rr_reloc_dir", "", "-rockridge", "on", "-joliet", "off", "-map", source.toString(), "/");
        assertSameTree(source, image, true);
    }

    @Test
    void multiExtentFileIsReadAsOneFile() throws Exception {
        Path source = dir.resolve("src");
        Files.createDirectories(source);
        byte[] first = new byte[4096];
        byte[] second = new byte[3000];
        new Random(8).nextBytes(first);
        new Random(9).nextBytes(second);
        Files.write(source.resolve("A.BIN"), first);
        Files.write(source.resolve("B.BIN"), second);
        byte[] bytes = Files.readAllBytes(Tools.mkisofs(source, dir.resolve("multi.iso"), "--norock"));
        // make A.BIN's record "not final" and rename B.BIN's to A.BIN: one file in two extents
        int a = find(bytes, "A.BIN;1");
        int b = find(bytes, "B.BIN;1");
        bytes[a - 33 + 25] |= (byte) 0x80;
        bytes[b] = 'A';
        try (FileSystem fs = iso.open(BlockDevices.memory(bytes, "memory image"))) {
            List<FileEntry> root = fs.list("/");
            assertEquals(1, root.size(), root.toString());
            assertEquals(7096, root.get(0).size());
            byte[] joined = new byte[7096];
            System.arraycopy(first, 0, joined, 0, 4096);
            System.arraycopy(second, 0, joined, 4096, 3000);
            assertEquals(TreeSnapshot.sha256(joined), TreeSnapshot.sha256(fs, "/A.BIN"));
            try (OpenFile file = fs.open("/A.BIN")) {
                byte[] across = new byte[200];
                assertEquals(200, file.read(4000, across, 0, 200)); // spans both extents
                assertArrayEquals(java.util.Arrays.copyOfRange(joined, 4000, 4200), across);
            }
        }
    }

    private static int find(byte[] bytes, String name) {
        byte[] needle = name.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        outer: for (int i = 16 * 2048; i < bytes.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (bytes[i + j] != needle[j]) {
                    continue outer;
                }
            }
            if ((bytes[i - 1] & 0xff) == needle.length) {
                return i;
            }
        }
        throw new AssertionError(name + " not found");
    }

    @Test
    void randomAccessAndConcurrentReadsReturnTheSourceBytes() throws Exception {
        Path source = dir.resolve("src");
        SourceTree.create(source, 5, SourceTree.Names.UNICODE, true, 3);
        Path image = Tools.mkisofs(source, dir.resolve("ra.iso"), "-J", "-R");
        byte[] expected = Files.readAllBytes(source.resolve("big.bin"));
        try (BlockDevice device = BlockDevices.file(image); FileSystem fs = iso.open(device);
                OpenFile file = fs.open("/big.bin")) {
            Random random = new Random(55);
            for (int i = 0; i < 200; i++) {
                int position = random.nextInt(expected.length);
                int length = 1 + random.nextInt(9000);
                byte[] buffer = new byte[length];
                int n = file.read(position, buffer, 0, length);
                int want = Math.min(length, expected.length - position);
                assertEquals(want, n);
                assertArrayEquals(java.util.Arrays.copyOfRange(expected, position, position + want),
                        java.util.Arrays.copyOf(buffer, n));
            }
            assertEquals(-1, file.read(expected.length, new byte[10], 0, 10));
            String sha = TreeSnapshot.sha256(expected);
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                List<Future<String>> hashes = new ArrayList<>();
                for (int t = 0; t < 8; t++) {
                    hashes.add(pool.submit(() -> TreeSnapshot.sha256(fs, "/big.bin")));
                }
                for (Future<String> hash : hashes) {
                    assertEquals(sha, hash.get());
                }
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Test
    void probeSaysYesOnlyToIso9660() throws Exception {
        Path source = dir.resolve("src");
        SourceTree.create(source, 6, SourceTree.Names.PLAIN, false, 1);
        Path image = Tools.mkisofs(source, dir.resolve("p.iso"), "--norock");
        try (BlockDevice device = BlockDevices.file(image)) {
            assertTrue(iso.probe(device));
        }
        Path zeros = dir.resolve("zeros.img");
        Files.write(zeros, new byte[64 * 1024]);
        try (BlockDevice device = BlockDevices.file(zeros)) {
            assertFalse(iso.probe(device));
            assertThrows(org.deskplane.disk.api.DiskFormatException.class, () -> iso.open(device));
        }
    }

    private void assertSameTree(Path source, Path image, boolean withTimes) throws Exception {
        Map<String, TreeSnapshot.Item> expected = TreeSnapshot.ofSource(source, withTimes);
        try (BlockDevice device = BlockDevices.file(image); FileSystem fs = iso.open(device)) {
            Map<String, TreeSnapshot.Item> actual = TreeSnapshot.ofImage(fs, withTimes);
            assertEquals(expected.keySet(), actual.keySet());
            for (String path : expected.keySet()) {
                assertEquals(expected.get(path), actual.get(path), path);
            }
            assertTrue(expected.size() > 20, "the tree is not trivial: " + expected.size());
        }
    }
}
