package org.deskplane.disk.ntfs.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.deskplane.disk.api.BlockDevice;
import org.deskplane.disk.api.BlockDevices;
import org.deskplane.disk.api.FileEntry;
import org.deskplane.disk.api.FileFlag;
import org.deskplane.disk.api.FileSystem;
import org.deskplane.disk.api.FileSystemType;
import org.deskplane.disk.api.FileType;
import org.deskplane.disk.api.OpenFile;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reads real mkntfs + ntfs-3g images of a seeded random tree and compares everything with the source. */
class NtfsReaderTest {

    private static final long SEED = 0x4E544653L;

    @TempDir
    static Path work;
    static FileSystemType ntfs;
    static Map<String, Expected> expected;
    static BlockDevice device;
    static FileSystem fs;

    @BeforeAll
    static void buildImage() throws Exception {
        ntfs = NtfsService.get();
        Path source = Files.createDirectories(work.resolve("source"));
        new RandomTree(SEED).build(source, true);
        expected = Expected.of(source);
        Path image = NtfsImage.build(work, "big.img", 128, List.of(), "Deskplane Vol", source, NtfsReaderTest::specials);
        device = BlockDevices.file(image);
        fs = ntfs.open(device);
    }

    /** Things cp cannot make: NTFS attributes, Windows symlinks and junctions, a compressed file. */
    private static void specials(Path mnt) throws Exception {
        Path special = Files.createDirectories(mnt.resolve("special"));
        Path hidden = special.resolve("hidden.txt");
        Files.writeString(hidden, "hidden, system and read-only");
        NtfsImage.setXattr(work, hidden, "system.ntfs_attrib", le32(0x27));
        Path link = special.resolve("winlink");
        Files.createFile(link);
        NtfsImage.setXattr(work, link, "system.ntfs_reparse_data", linkData(0xA000000CL, "C:\\Target\\file.txt"));
        Path junction = Files.createDirectory(special.resolve("junction"));
        NtfsImage.setXattr(work, junction, "system.ntfs_reparse_data", linkData(0xA0000003L, "D:\\Data"));
        Path compressedDir = Files.createDirectory(special.resolve("cdir"));
        NtfsImage.setXattr(work, compressedDir, "system.ntfs_attrib", le32(0x10 | 0x800));
        byte[] text = "compress me please ".repeat(20_000).getBytes();
        Files.write(compressedDir.resolve("compressed.txt"), text);
    }

    private static byte[] le32(int v) {
        return new byte[] { (byte) v, (byte) (v >> 8), (byte) (v >> 16), (byte) (v >> 24) };
    }

    /** Reparse data of a symlink (with its flags field) or mount point: substitute "\??\target", print target. */
    private static byte[] linkData(long tag, String target) {
        byte[] print = target.getBytes(java.nio.charset.StandardCharsets.UTF_16LE);
        byte[] subst = ("\\??\\" + target).getBytes(java.nio.charset.StandardCharsets.UTF_16LE);
        boolean symlink = tag == 0xA000000CL;
        int header = symlink ? 12 : 8;
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(8 + header + subst.length + print.length + 4)
                .order(java.nio.ByteOrder.LITTLE_ENDIAN);
        b.putInt((int) tag).putShort((short) (header + subst.length + print.length + 4)).putShort((short) 0);
        b.putShort((short) 0).putShort((short) subst.length);
        b.putShort((short) (subst.length + 2)).putShort((short) print.length);
        if (symlink) {
            b.putInt(0);
        }
        b.put(subst).putShort((short) 0).put(print).putShort((short) 0);
        return b.array();
    }

    @AfterAll
    static void close() throws IOException {
        if (fs != null) {
            fs.close();
        }
        if (device != null) {
            device.close();
        }
    }

    @Test
    void probesAndLabels() throws IOException {
        assertEquals("ntfs", ntfs.name());
        assertTrue(ntfs.probe(device));
        assertFalse(ntfs.probe(BlockDevices.memory(new byte[4096], "memory image")));
        assertEquals("ntfs", fs.type());
        assertEquals("Deskplane Vol", fs.label());
        FileEntry root = fs.stat("/");
        assertEquals(FileType.DIRECTORY, root.type());
        assertEquals("/", root.path());
    }

    @Test
    void everyEntryMatchesTheSourceTree() throws IOException {
        TreeComparison.assertMatches(fs, expected, "/special", SEED);
    }

    @Test
    void systemFilesAreHiddenFromTheRoot() throws IOException {
        for (FileEntry e : fs.list("/")) {
            assertFalse(e.name().startsWith("$"), e.name());
            assertFalse(e.name().equals("."));
        }
        assertTrue(fs.list("/").stream().anyMatch(e -> e.name().equals("many")));
    }

    @Test
    void largeDirectoryComesFromIndexBlocks() throws IOException {
        assertEquals(RandomTree.MANY, fs.list("/many").size());
        assertEquals(RandomTree.HARD_LINKS + 1, fs.list("/links").size());
    }

    @Test
    void lookupIgnoresCase() throws IOException {
        String upper = Names.fold(RandomTree.UNICODE_NAME);
        FileEntry e = fs.stat("/" + upper);
        assertEquals(RandomTree.UNICODE_NAME, e.name());
        assertEquals(fs.stat("/MANY").path(), "/many");
        assertEquals("/level 0 ß/level 1", fs.stat("/LEVEL 0 ß/LEVEL 1").path());
    }

    @Test
    void missingAndNotDirectory() {
        assertThrows(NoSuchFileException.class, () -> fs.stat("/nope"));
        assertThrows(NotDirectoryException.class, () -> fs.stat("/empty.txt/x"));
        assertThrows(NotDirectoryException.class, () -> fs.list("/empty.txt"));
        assertThrows(NotDirectoryException.class, () -> fs.stat("/special/junction/x"));
        assertThrows(IOException.class, () -> fs.open("/many"));
    }

    @Test
    void sparseFilesHaveHolesAndFlag() throws IOException {
        FileEntry sparse = fs.stat("/sparse.bin");
        assertTrue(sparse.flags().contains(FileFlag.SPARSE), sparse.toString());
        FileEntry runs = fs.stat("/runs.bin");
        assertTrue(runs.flags().contains(FileFlag.SPARSE), runs.toString());
        assertEquals(48L << 20, runs.size());
        FileEntry small = fs.stat("/odd-511.bin");
        assertTrue(small.flags().contains(FileFlag.INLINE), small.toString());
        assertFalse(fs.stat("/big.bin").flags().contains(FileFlag.INLINE));
    }

    @Test
    void randomAccessReadsMatchTheSource() throws IOException {
        byte[] source = Files.readAllBytes(work.resolve("source/runs.bin"));
        Random random = new Random(SEED + 1);
        try (OpenFile f = fs.open("/runs.bin")) {
            for (int i = 0; i < 200; i++) {
                int len = 1 + random.nextInt(300_000);
                long pos = (long) (random.nextDouble() * (source.length - 1));
                byte[] buf = new byte[len];
                int n = f.read(pos, buf, 0, len);
                int expectedN = (int) Math.min(len, source.length - pos);
                assertEquals(expectedN, n);
                assertArrayEquals(java.util.Arrays.copyOfRange(source, (int) pos, (int) pos + n),
                        java.util.Arrays.copyOf(buf, n));
            }
            assertEquals(-1, f.read(source.length, new byte[10], 0, 10));
        }
    }

    @Test
    void concurrentReadsAgree() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<String>> results = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                int k = i;
                results.add(pool.submit(() -> Walker.sha256(fs, "/big.bin", new Random(k), Long.MAX_VALUE)));
            }
            for (Future<String> r : results) {
                assertEquals(expected.get("/big.bin").sha256(), r.get());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void attributesLinksAndCompression() throws IOException {
        FileEntry hidden = fs.stat("/special/hidden.txt");
        assertEquals(Set.of(FileFlag.HIDDEN, FileFlag.SYSTEM, FileFlag.READ_ONLY, FileFlag.INLINE), hidden.flags());
        assertEquals(FileType.FILE, hidden.type());

        FileEntry link = fs.stat("/special/winlink");
        assertEquals(FileType.SYMLINK, link.type());
        assertEquals("C:\\Target\\file.txt", link.linkTarget());
        FileEntry junction = fs.stat("/special/junction");
        assertEquals(FileType.SYMLINK, junction.type());
        assertEquals("D:\\Data", junction.linkTarget());

        FileEntry compressed = fs.stat("/special/cdir/compressed.txt");
        assertTrue(compressed.flags().contains(FileFlag.COMPRESSED), compressed.toString());
        assertEquals(19L * 20_000, compressed.size());
        IOException refused = assertThrows(IOException.class, () -> fs.open("/special/cdir/compressed.txt"));
        assertTrue(refused.getMessage().contains("compressed"), refused.getMessage());
    }

    @Test
    void hardLinksShareContent() throws IOException {
        Map<String, String> hashes = new TreeMap<>();
        for (FileEntry e : fs.list("/links")) {
            hashes.put(e.name(), Walker.sha256(fs, e.path(), new Random(1), Long.MAX_VALUE));
        }
        assertEquals(1, Set.copyOf(hashes.values()).size());
        assertEquals(expected.get("/links/linked.txt").sha256(), hashes.values().iterator().next());
    }

    @Test
    void timesComeFromStandardInformation() throws IOException {
        Instant expectedTime = expected.get("/odd-4097.bin").modified();
        assertNotNull(expectedTime);
        assertEquals(expectedTime, fs.stat("/odd-4097.bin").modified());
        assertNotNull(fs.stat("/odd-4097.bin").created());
    }
}
