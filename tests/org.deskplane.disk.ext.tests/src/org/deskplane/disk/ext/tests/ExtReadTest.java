package org.deskplane.disk.ext.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.HexFormat;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.deskplane.disk.api.BlockDevice;
import org.deskplane.disk.api.FileEntry;
import org.deskplane.disk.api.FileFlag;
import org.deskplane.disk.api.FileSystem;
import org.deskplane.disk.api.FileSystemType;
import org.deskplane.disk.api.FileType;
import org.deskplane.disk.api.OpenFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real images from mkfs.ext2/3/4 -d, compared file by file with the tree they were made from. */
class ExtReadTest {

    private static final String LABEL = "deskplane-ext";

    @TempDir
    static Path work;
    static Path source;
    static FileSystemType ext;

    @BeforeAll
    static void makeTree() throws Exception {
        ext = ExtTestSupport.extService();
        source = work.resolve("source");
        SourceTree.build(source, 0x5EED_E474L);
    }

    @Test
    void ext4WithDefaultFeatures() throws Exception {
        Path image = ExtTestSupport.makeImage(work.resolve("ext4.img"), "ext4", source, "128M", "-L", LABEL);
        assertTrue(ExtTestSupport.debugfs(image, "htree /" + SourceTree.BIG_DIR).contains("Root node dump"),
                "the large directory should have an htree index");
        FileSystem fs = compare(image, "ext4");
        assertNotNull(fs.stat("/tiny.txt").created(), "ext4 records crtime");
        readConcurrently(fs);
    }

    /** One file system and one open file shared by several threads: every read still returns the right bytes. */
    private static void readConcurrently(FileSystem fs) throws Exception {
        byte[] original = Files.readAllBytes(source.resolve("few-mib.bin"));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try (OpenFile file = fs.open("/few-mib.bin")) {
            List<Future<Integer>> results = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int seed = t;
                results.add(pool.submit(() -> {
                    Random random = new Random(seed);
                    for (int i = 0; i < 300; i++) {
                        int position = random.nextInt(original.length);
                        int length = Math.min(1 + random.nextInt(20_000), original.length - position);
                        assertArrayEquals(Arrays.copyOfRange(original, position, position + length),
                                read(file, position, length));
                        if (i % 100 == 0) {
                            assertEquals(SourceTree.BIG_DIR_ENTRIES, fs.list("/" + SourceTree.BIG_DIR).size());
                        }
                    }
                    return seed;
                }));
            }
            for (Future<Integer> result : results) {
                result.get(2, TimeUnit.MINUTES); // rethrows a failed assertion
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void ext4WithOneKiBBlocks() throws Exception {
        compare(ExtTestSupport.makeImage(work.resolve("ext4-1k.img"), "ext4", source, "128M", "-L", LABEL, "-b", "1024"),
                "ext4");
    }

    @Test
    void ext4WithInlineData() throws Exception {
        Path image = ExtTestSupport.makeImage(work.resolve("ext4-inline.img"), "ext4", source, "128M", "-L", LABEL,
                "-O", "inline_data");
        // mke2fs 1.47.0 with inline_data cuts a sparse file's size at its last data block (a trailing hole is
        // lost): expect what the image holds, the source's bytes up to that size
        Matcher size = Pattern.compile("Size: (\\d+)").matcher(ExtTestSupport.debugfs(image, "stat /" + SourceTree.SPARSE));
        assertTrue(size.find());
        long stored = Long.parseLong(size.group(1));
        Path sparse = source.resolve(SourceTree.SPARSE);
        byte[] prefix = Arrays.copyOf(Files.readAllBytes(sparse), (int) stored);
        String expected = "FILE " + stored + " " + Files.getLastModifiedTime(sparse).toInstant().getEpochSecond() + " "
                + sha256(prefix);
        FileSystem fs = compare(image, "ext4", Map.of("/" + SourceTree.SPARSE, expected));
        assertTrue(fs.stat("/tiny.txt").flags().contains(FileFlag.INLINE), "a 40-byte file is stored inline");
        assertTrue(fs.stat("/odd sizes/file-61.bin").flags().contains(FileFlag.INLINE),
                "a 61-byte file continues in system.data");
    }

    @Test
    void ext4WithBlockMapsAndMetaBg() throws Exception {
        compare(ExtTestSupport.makeImage(work.resolve("ext4-noextent.img"), "ext4", source, "256M", "-L", LABEL,
                "-b", "1024", "-O", "^extent,^64bit,^resize_inode,meta_bg"), "ext4");
    }

    @Test
    void ext4WithBigalloc() throws Exception {
        compare(ExtTestSupport.makeImage(work.resolve("ext4-bigalloc.img"), "ext4", source, "256M", "-L", LABEL,
                "-b", "4096", "-O", "bigalloc", "-C", "16384"), "ext4");
    }

    @Test
    void ext4WithBigallocAndOneKiBBlocks() throws Exception {
        compare(ExtTestSupport.makeImage(work.resolve("ext4-bigalloc-1k.img"), "ext4", source, "256M", "-L", LABEL,
                "-b", "1024", "-O", "bigalloc", "-C", "4096"), "ext4");
    }

    @Test
    void ext3() throws Exception {
        compare(ExtTestSupport.makeImage(work.resolve("ext3.img"), "ext3", source, "128M", "-L", LABEL), "ext3");
    }

    @Test
    void ext2() throws Exception {
        compare(ExtTestSupport.makeImage(work.resolve("ext2.img"), "ext2", source, "128M", "-L", LABEL), "ext2");
    }

    @Test
    void ext2WithOneKiBBlocksUsesTripleIndirectBlocks() throws Exception {
        compare(ExtTestSupport.makeImage(work.resolve("ext2-1k.img"), "ext2", source, "128M", "-L", LABEL, "-b", "1024"),
                "ext2");
    }

    /** Opens the image through the service and checks every entry, then the special files; returns it open. */
    private FileSystem compare(Path image, String type) throws Exception {
        return compare(image, type, Map.of());
    }

    private FileSystem compare(Path image, String type, Map<String, String> toolDeviations) throws Exception {
        BlockDevice device = ExtTestSupport.open(image);
        assertTrue(ext.probe(device), "probe " + image);
        FileSystem fs = ext.open(device);
        assertEquals(type, fs.type());
        assertEquals(LABEL, fs.label());

        Map<String, String> expected = describeSource();
        expected.putAll(toolDeviations);
        Map<String, String> actual = new TreeMap<>();
        walk(fs, "/", actual);
        assertEquals(expected.keySet(), actual.keySet(), "listing of " + image);
        for (String path : expected.keySet()) {
            assertEquals(expected.get(path), actual.get(path), path + " in " + image);
        }
        assertEquals(SourceTree.BIG_DIR_ENTRIES, fs.list("/" + SourceTree.BIG_DIR).size());
        checkHugeFile(fs);
        checkSparseFile(fs);
        checkRandomAccess(fs);
        checkErrors(fs);
        return fs;
    }

    private static Map<String, String> describeSource() throws Exception {
        Map<String, String> result = new TreeMap<>();
        try (var walk = Files.walk(source)) {
            for (Path p : walk.toList()) {
                String path = "/" + source.relativize(p).toString();
                if (path.equals("/") || path.equals("/" + SourceTree.HUGE)) {
                    continue;
                }
                long mtime = Files.getLastModifiedTime(p, LinkOption.NOFOLLOW_LINKS).toInstant().getEpochSecond();
                String description;
                if (Files.isSymbolicLink(p)) {
                    String target = Files.readSymbolicLink(p).toString();
                    description = "SYMLINK " + target.getBytes(StandardCharsets.UTF_8).length + " " + mtime + " -> " + target;
                } else if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                    description = "DIRECTORY " + mtime;
                } else if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                    description = "FILE " + Files.size(p) + " " + mtime + " " + sha256(Files.readAllBytes(p));
                } else {
                    description = "OTHER " + mtime;
                }
                result.put(path, description);
            }
        }
        return result;
    }

    private static void walk(FileSystem fs, String dir, Map<String, String> out) throws Exception {
        for (FileEntry entry : fs.list(dir)) {
            String path = entry.path();
            assertEquals(dir.equals("/") ? "/" + entry.name() : dir + "/" + entry.name(), path);
            if (path.equals("/lost+found") || path.equals("/" + SourceTree.HUGE)) {
                continue;
            }
            assertEquals(entry, fs.stat(path), "stat agrees with list for " + path);
            long mtime = entry.modified().getEpochSecond();
            String description = switch (entry.type()) {
                case SYMLINK -> "SYMLINK " + entry.size() + " " + mtime + " -> " + entry.linkTarget();
                case DIRECTORY -> "DIRECTORY " + mtime;
                case FILE -> "FILE " + entry.size() + " " + mtime + " " + sha256(fs, path);
                case OTHER -> "OTHER " + mtime;
            };
            out.put(path, description);
            if (entry.isDirectory()) {
                walk(fs, path, out);
            }
        }
    }

    private static String sha256(FileSystem fs, String path) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        try (OpenFile file = fs.open(path)) {
            byte[] buffer = new byte[64 * 1024];
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

    /** Only the written ranges of the 4.5 GiB file are read, plus one hole. */
    private static void checkHugeFile(FileSystem fs) throws Exception {
        String path = "/" + SourceTree.HUGE;
        FileEntry entry = fs.stat(path);
        assertEquals(SourceTree.HUGE_SIZE, entry.size());
        assertTrue(entry.flags().contains(FileFlag.SPARSE), "huge file is sparse");
        try (OpenFile file = fs.open(path)) {
            assertArrayEquals(SourceTree.HUGE_MIDDLE_BYTES, read(file, SourceTree.HUGE_MIDDLE, SourceTree.HUGE_MIDDLE_BYTES.length));
            int endLength = SourceTree.HUGE_END_BYTES.length;
            assertArrayEquals(SourceTree.HUGE_END_BYTES, read(file, SourceTree.HUGE_SIZE - endLength, endLength));
            assertArrayEquals(new byte[8192], read(file, 3L * 1024 * 1024 * 1024 + 5, 8192), "a hole reads as zeros");
            assertEquals(-1, file.read(SourceTree.HUGE_SIZE, new byte[1], 0, 1));
            byte[] tail = new byte[100];
            assertEquals(endLength, file.read(SourceTree.HUGE_SIZE - endLength, tail, 0, tail.length), "short read at the end");
        }
    }

    private static void checkSparseFile(FileSystem fs) throws Exception {
        FileEntry entry = fs.stat("/" + SourceTree.SPARSE);
        assertTrue(entry.flags().contains(FileFlag.SPARSE), "sparse file flagged: " + entry);
        assertTrue(!fs.stat("/few-mib.bin").flags().contains(FileFlag.SPARSE), "a dense file is not sparse");
    }

    private static void checkRandomAccess(FileSystem fs) throws Exception {
        byte[] original = Files.readAllBytes(source.resolve("few-mib.bin"));
        Random random = new Random(42);
        try (OpenFile file = fs.open("/few-mib.bin")) {
            for (int i = 0; i < 200; i++) {
                int position = random.nextInt(original.length);
                int length = Math.min(random.nextInt(70_000) + 1, original.length - position);
                assertArrayEquals(Arrays.copyOfRange(original, position, position + length), read(file, position, length),
                        "read of " + length + " at " + position);
            }
        }
    }

    private static void checkErrors(FileSystem fs) throws Exception {
        assertThrows(NoSuchFileException.class, () -> fs.stat("/no such file"));
        assertThrows(NotDirectoryException.class, () -> fs.stat("/tiny.txt/below"));
        assertThrows(NotDirectoryException.class, () -> fs.list("/tiny.txt"));
        assertThrows(NotDirectoryException.class, () -> fs.stat("/dir-link/e0"), "links are not followed");
        assertThrows(IOException.class, () -> fs.open("/nested"));
        assertEquals(FileType.DIRECTORY, fs.stat("/").type());
        assertEquals("", fs.stat("/").name());
    }

    private static byte[] read(OpenFile file, long position, int length) throws IOException {
        byte[] buffer = new byte[length];
        int done = 0;
        while (done < length) {
            int n = file.read(position + done, buffer, done, length - done);
            assertTrue(n > 0, "read at " + (position + done) + " returned " + n);
            done += n;
        }
        return buffer;
    }
}
