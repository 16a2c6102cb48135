package org.deskplane.disk.fat.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.deskplane.disk.api.BlockDevice;
import org.deskplane.disk.api.BlockDevices;
import org.deskplane.disk.api.FileEntry;
import org.deskplane.disk.api.FileSystem;
import org.deskplane.disk.api.FileSystemType;
import org.deskplane.disk.api.OpenFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real FAT12/16/32 images from mkfs.vfat + mcopy, read back through the "fat" service and compared. */
class FatImageTest {

    @TempDir
    Path temp;

    @Test
    void fat12ImageMatchesItsSourceTree() throws Exception {
        checkImage(12, 4096, 300 * 1024, 120, FatType.FAT12);
    }

    @Test
    void fat16ImageMatchesItsSourceTree() throws Exception {
        checkImage(16, 32 * 1024, 3 * 1024 * 1024 + 777, 400, FatType.FAT16);
    }

    @Test
    void fat32ImageMatchesItsSourceTree() throws Exception {
        checkImage(32, 70 * 1024, 5 * 1024 * 1024 + 4097, 400, FatType.FAT32);
    }

    @Test
    void probeRefusesWhatIsNotFat() throws Exception {
        FileSystemType fat = FatServices.fat();
        assertEquals("fat", fat.name());
        Path zeros = Files.write(temp.resolve("zeros.img"), new byte[1 << 20]);
        try (BlockDevice device = BlockDevices.file(zeros)) {
            assertFalse(fat.probe(device));
            assertThrows(org.deskplane.disk.api.DiskFormatException.class, () -> fat.open(device));
        }
    }

    @Test
    void attributesBecomeFlagsAndTheLabelFallsBackToTheBpb() throws Exception {
        Path tree = Files.createDirectory(temp.resolve("tree"));
        for (String name : new String[] { "hidden.txt", "system.txt", "readonly.txt", "plain.txt" }) {
            Files.writeString(tree.resolve(name), name);
        }
        Path image = FatTools.makeImage(temp, 16, 16 * 1024, "ATTRS", tree);
        FatTools.run(List.of("mattrib", "-i", image.toString(), "+h", "::/hidden.txt"));
        FatTools.run(List.of("mattrib", "-i", image.toString(), "+s", "::/system.txt"));
        FatTools.run(List.of("mattrib", "-i", image.toString(), "+r", "::/readonly.txt"));
        FileSystemType fat = FatServices.fat();
        try (BlockDevice device = BlockDevices.file(image); FileSystem fs = fat.open(device)) {
            assertEquals(java.util.Set.of(org.deskplane.disk.api.FileFlag.HIDDEN), fs.stat("/hidden.txt").flags());
            assertEquals(java.util.Set.of(org.deskplane.disk.api.FileFlag.SYSTEM), fs.stat("/system.txt").flags());
            assertEquals(java.util.Set.of(org.deskplane.disk.api.FileFlag.READ_ONLY), fs.stat("/readonly.txt").flags());
            assertEquals(java.util.Set.of(), fs.stat("/plain.txt").flags());
            assertEquals("ATTRS", fs.label());
        }
        // with the root's label entry deleted, the label comes from the boot sector
        byte[] bytes = Files.readAllBytes(image);
        BootSector boot = BootSector.read(new MemoryDevice(bytes));
        long labelEntry = -1;
        for (long at = boot.rootDirOffset; at < boot.dataOffset; at += 32) {
            if ((bytes[(int) at + 11] & 0x3F) == 0x08) {
                labelEntry = at;
                break;
            }
        }
        assertTrue(labelEntry >= 0, "mkfs.vfat -n wrote a label entry");
        MemoryDevice noLabelEntry = new MemoryDevice(bytes).patch(labelEntry, 0xE5).patch(0x2B, 'B');
        try (FileSystem fs = fat.open(noLabelEntry)) {
            assertEquals("BTTRS", fs.label());
        }
        try (FileSystem fs = fat.open(new MemoryDevice(bytes).patch(0x2B, 'B'))) {
            assertEquals("ATTRS", fs.label(), "the root's label entry wins over the BPB");
        }
    }

    private void checkImage(int bits, int sizeKiB, int bigFile, int many, FatType expected) throws Exception {
        Path tree = Files.createDirectory(temp.resolve("tree"));
        RandomTree.create(tree, 4200 + bits, 2048, bigFile, many);
        Path image = FatTools.makeImage(temp, bits, sizeKiB, "DESKPLANE", tree);
        FileSystemType fat = FatServices.fat();
        try (BlockDevice device = BlockDevices.file(image)) {
            assertTrue(fat.probe(device));
            assertEquals(expected, BootSector.read(device).type, "mkfs.vfat made another FAT type than asked");
            try (FileSystem fs = fat.open(device)) {
                assertEquals("fat", fs.type());
                assertEquals("DESKPLANE", fs.label());
                assertTrue(fs.stat("/").isDirectory());
                int[] counts = new int[2];
                compareDirectory(fs, tree, "/", counts);
                assertTrue(counts[0] > many && counts[1] > 25, "walked " + counts[0] + " files, " + counts[1] + " dirs");
                checkLookupsAndRandomAccess(fs, tree);
            }
        }
    }

    private void compareDirectory(FileSystem fs, Path dir, String path, int[] counts) throws Exception {
        List<FileEntry> listed = fs.list(path);
        Map<String, FileEntry> byName = new HashMap<>();
        for (FileEntry e : listed) {
            byName.put(e.name(), e);
        }
        TreeSet<String> expectedNames;
        try (Stream<Path> children = Files.list(dir)) {
            expectedNames = children.map(p -> p.getFileName().toString()).collect(Collectors.toCollection(TreeSet::new));
        }
        assertEquals(expectedNames, new TreeSet<>(byName.keySet()), "names in " + path);
        assertEquals(expectedNames.size(), listed.size(), "entries in " + path);
        for (String name : expectedNames) {
            Path source = dir.resolve(name);
            String childPath = (path.equals("/") ? "/" : path + "/") + name;
            FileEntry entry = byName.get(name);
            assertEquals(childPath, entry.path());
            assertEquals(entry, fs.stat(childPath), "stat agrees with list for " + childPath);
            if (Files.isDirectory(source)) {
                counts[1]++;
                assertTrue(entry.isDirectory(), childPath);
                compareDirectory(fs, source, childPath, counts);
            } else {
                counts[0]++;
                assertTrue(entry.isFile(), childPath);
                assertEquals(Files.size(source), entry.size(), "size of " + childPath);
                Instant sourceTime = Files.getLastModifiedTime(source).toInstant();
                // FAT keeps modification times to 2 s; mcopy -m drops the odd second
                Instant fatTime = Instant.ofEpochSecond(sourceTime.getEpochSecond() & ~1L);
                assertEquals(fatTime, entry.modified(), "mtime of " + childPath + " (source " + sourceTime + ")");
                assertEquals(sha256(Files.readAllBytes(source)), sha256(fs, childPath), "content of " + childPath);
            }
        }
    }

    private void checkLookupsAndRandomAccess(FileSystem fs, Path tree) throws Exception {
        FileEntry upper = fs.stat("/ÜNÏCØDÉ — 日本語 ✓.TXT");
        assertEquals("Ünïcødé — 日本語 ✓.txt", upper.name(), "case-insensitive lookup");
        assertEquals("/Ünïcødé — 日本語 ✓.txt", upper.path());
        assertEquals("readme.txt", fs.stat("/README.TXT").name(), "NT lower-case flags");
        assertEquals(fs.list("/MANY").size(), fs.list("/many").size());
        assertThrows(NoSuchFileException.class, () -> fs.stat("/no such file"));
        assertThrows(NoSuchFileException.class, () -> fs.list("/deep/level0/nothing"));
        assertThrows(NotDirectoryException.class, () -> fs.list("/readme.txt"));
        assertThrows(NotDirectoryException.class, () -> fs.stat("/readme.txt/x"));
        assertThrows(IOException.class, () -> fs.open("/deep"));
        assertTrue(fs.stat("/deep/level0/level1/level2/level3/level4/level5/level6/level7/level8/level9/level10/"
                + "level11/level12/level13/level14/level15/level16/level17/level18/level19/bottom of the tree.txt")
                .isFile());

        byte[] big = Files.readAllBytes(tree.resolve("big.bin"));
        Random random = new Random(7);
        try (OpenFile file = fs.open("/BIG.BIN")) {
            for (int i = 0; i < 200; i++) {
                int position = random.nextInt(big.length);
                int length = random.nextInt(70000);
                byte[] buffer = new byte[length + 3];
                int n = file.read(position, buffer, 3, length);
                int expected = Math.min(length, big.length - position);
                assertEquals(expected, n, "read length at " + position);
                for (int k = 0; k < n; k++) {
                    if (buffer[3 + k] != big[position + k]) {
                        assertEquals(big[position + k], buffer[3 + k], "byte " + (position + k));
                    }
                }
            }
            assertEquals(-1, file.read(big.length, new byte[1], 0, 1));
            // several threads reading the same open file at once see the same bytes
            String expected = sha256(big);
            List<java.util.concurrent.Callable<String>> readers = new java.util.ArrayList<>();
            for (int t = 0; t < 4; t++) {
                readers.add(() -> sha256(fs, "/big.bin"));
            }
            java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
            try {
                for (java.util.concurrent.Future<String> f : pool.invokeAll(readers)) {
                    assertEquals(expected, f.get());
                }
            } finally {
                pool.shutdownNow();
            }
        }
        try (OpenFile empty = fs.open("/empty.txt")) {
            assertEquals(-1, empty.read(0, new byte[1], 0, 1));
        }
    }

    static String sha256(FileSystem fs, String path) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        byte[] buffer = new byte[7919]; // odd, so reads straddle clusters
        try (OpenFile file = fs.open(path)) {
            long position = 0;
            int n;
            while ((n = file.read(position, buffer, 0, buffer.length)) > 0) {
                digest.update(buffer, 0, n);
                position += n;
            }
            assertEquals(file.entry().size(), position, "bytes read from " + path);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static String sha256(byte[] data) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    }

}
