package org.deskplane.disk.iso9660.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;

import org.deskplane.disk.api.BlockDevices;
import org.deskplane.disk.api.DiskFormatException;
import org.deskplane.disk.api.FileEntry;
import org.deskplane.disk.api.FileSystem;
import org.deskplane.disk.api.FileSystemType;
import org.deskplane.disk.api.FileType;
import org.deskplane.disk.api.OpenFile;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Damaged images are refused with a DiskFormatException naming the structure, in bounded time. */
class Iso9660CorruptionTest {

    static final int SECTOR = 2048;
    static final int PVD = 16 * SECTOR;

    @TempDir
    Path dir;
    FileSystemType iso;
    byte[] image;

    @BeforeEach
    void setUp() throws Exception {
        iso = IsoService.get();
        Path source = dir.resolve("src");
        SourceTree.create(source, 11, SourceTree.Names.UNICODE, true, 3);
        image = Files.readAllBytes(Tools.mkisofs(source, dir.resolve("x.iso"), "-J", "-R"));
    }

    @Test
    void pristineImageWalks() throws Exception {
        assertTrue(walk(image) > 20);
    }

    @Test
    void missingStandardIdentifier() {
        image[PVD + 1] = 'X';
        DiskFormatException e = assertThrows(DiskFormatException.class, () -> walk(image));
        assertTrue(e.getMessage().contains("CD001"), e.getMessage());
    }

    @Test
    void truncatedImages() throws Exception {
        byte[] descriptorOnly = java.util.Arrays.copyOf(image, PVD + SECTOR);
        DiskFormatException e = assertThrows(DiskFormatException.class, () -> walk(descriptorOnly));
        assertTrue(e.getMessage().contains("terminator"), e.getMessage());

        byte[] halfData = java.util.Arrays.copyOf(image, 1024 * 1024);
        try (FileSystem fs = iso.open(BlockDevices.memory(halfData, "memory image"))) {
            e = assertThrows(DiskFormatException.class, () -> fs.open("/big.bin"));
            assertTrue(e.getMessage().contains("beyond the end"), e.getMessage());
        }
    }

    @Test
    void impossibleLogicalBlockSize() {
        image[PVD + 128] = 0x34;
        image[PVD + 129] = 0x12;
        DiskFormatException e = assertThrows(DiskFormatException.class, () -> walk(image));
        assertTrue(e.getMessage().contains("logical block size"), e.getMessage());
    }

    @Test
    void rootDirectoryBeyondTheImage() {
        putLe32(image, PVD + 156 + 2, 0x00ff_ffffL);
        DiskFormatException e = assertThrows(DiskFormatException.class, () -> walk(image));
        assertTrue(e.getMessage().contains("root directory"), e.getMessage());
    }

    @Test
    void directoryRecordTooShort() {
        int root = rootBlock() * SECTOR;
        int second = root + (image[root] & 0xff); // the ".." record
        int third = second + (image[second] & 0xff); // the first child
        image[third] = 20;
        DiskFormatException e = assertThrows(DiskFormatException.class, () -> walk(image));
        assertTrue(e.getMessage().contains("directory /") && e.getMessage().contains("length 20"), e.getMessage());
    }

    @Test
    void continuationAreaThatLoopsIsRefused() {
        int root = rootBlock() * SECTOR;
        int self = root; // the root's "." record carries SP and the root's Rock Ridge entries
        int length = image[self] & 0xff;
        int ce = self + 34 + 7; // after the name byte and the 7-byte SP entry
        assertTrue(length >= 34 + 7 + 28, "room for a CE entry in the root's . record: " + length);
        byte[] entry = new byte[28];
        entry[0] = 'C';
        entry[1] = 'E';
        entry[2] = 28;
        entry[3] = 1;
        putBoth32(entry, 4, rootBlock());
        putBoth32(entry, 12, ce - root);
        putBoth32(entry, 20, 28);
        System.arraycopy(entry, 0, image, ce, 28);
        DiskFormatException e = assertTimeoutPreemptively(Duration.ofSeconds(30),
                () -> assertThrows(DiskFormatException.class, () -> walk(image)));
        assertTrue(e.getMessage().contains("loops back"), e.getMessage());
    }

    @Test
    void fileExtentBeyondTheImage() throws Exception {
        int record = findRecord("BIG.BIN;1");
        putBoth32(image, record + 2, 0x7fff_0000L);
        try (FileSystem fs = iso.open(BlockDevices.memory(image, "memory image"))) {
            assertEquals(3 * 1024 * 1024 + 77, fs.stat("/big.bin").size(), "the listing still works");
            DiskFormatException e = assertThrows(DiskFormatException.class, () -> fs.open("/big.bin"));
            assertTrue(e.getMessage().contains("big.bin") && e.getMessage().contains("beyond"), e.getMessage());
        }
    }

    @Test
    void mutatedMetadataNeverEscapesAsAnythingButIoErrors() {
        long seed = 0x150_9660L;
        Random random = new Random(seed);
        int end = Math.min(image.length, PVD + 80 * SECTOR);
        int[] walked = new int[1];
        assertTimeoutPreemptively(Duration.ofSeconds(120), () -> {
            for (int iteration = 0; iteration < 800; iteration++) {
                int mutations = 1 + random.nextInt(10);
                int[] positions = new int[mutations];
                byte[] saved = new byte[mutations];
                for (int i = 0; i < mutations; i++) {
                    positions[i] = PVD + random.nextInt(end - PVD);
                    saved[i] = image[positions[i]];
                    image[positions[i]] = random.nextBoolean() ? (byte) (saved[i] ^ (1 << random.nextInt(8)))
                            : (byte) random.nextInt(256);
                }
                try {
                    walk(image);
                    walked[0]++;
                } catch (DiskFormatException | EOFException | NoSuchFileException | NotDirectoryException expected) {
                    // refused as it should be
                } catch (IOException e) {
                    if (e.getMessage() == null || e.getMessage().isBlank()) {
                        throw new AssertionError("seed " + seed + " iteration " + iteration + ": IOException without message", e);
                    }
                } catch (Throwable t) {
                    throw new AssertionError("seed " + seed + " iteration " + iteration + " threw " + t, t);
                } finally {
                    for (int i = mutations - 1; i >= 0; i--) {
                        image[positions[i]] = saved[i];
                    }
                }
            }
        });
        assertTrue(walked[0] > 0, "some mutated images still walk");
    }

    /** Opens the image, lists every directory (depth and count bounded) and reads every file's head and tail. */
    private int walk(byte[] bytes) throws IOException {
        try (FileSystem fs = iso.open(BlockDevices.memory(bytes, "memory image"))) {
            return walk(fs, "/", 0, new int[] { 0 });
        }
    }

    private int walk(FileSystem fs, String directory, int depth, int[] budget) throws IOException {
        int count = 0;
        if (depth > 40) {
            return 0; // a directory pointing back up: our walk stops, the reader itself never recurses
        }
        for (FileEntry entry : fs.list(directory)) {
            if (++budget[0] > 5000) {
                return count;
            }
            count++;
            fs.stat(entry.path());
            if (entry.type() == FileType.DIRECTORY) {
                count += walk(fs, entry.path(), depth + 1, budget);
            } else if (entry.type() == FileType.FILE) {
                try (OpenFile file = fs.open(entry.path())) {
                    byte[] buffer = new byte[65536];
                    for (long position = 0; position < Math.min(file.entry().size(), 256 * 1024); position += 65536) {
                        file.read(position, buffer, 0, buffer.length);
                    }
                    file.read(Math.max(0, file.entry().size() - 1000), buffer, 0, 1000);
                }
            }
        }
        return count;
    }

    private int rootBlock() {
        return (image[PVD + 158] & 0xff) | (image[PVD + 159] & 0xff) << 8 | (image[PVD + 160] & 0xff) << 16;
    }

    /** The offset of the primary-tree directory record whose ISO name is {@code name}, found by its bytes. */
    private int findRecord(String name) {
        byte[] needle = name.getBytes(StandardCharsets.US_ASCII);
        outer: for (int i = PVD; i < image.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (image[i + j] != needle[j]) {
                    continue outer;
                }
            }
            if ((image[i - 1] & 0xff) == needle.length) {
                return i - 33;
            }
        }
        throw new AssertionError(name + " not found in the image");
    }

    private static void putLe32(byte[] b, int at, long value) {
        for (int i = 0; i < 4; i++) {
            b[at + i] = (byte) (value >>> (8 * i));
        }
    }

    /** A both-endian 32-bit field: little-endian then big-endian. */
    private static void putBoth32(byte[] b, int at, long value) {
        putLe32(b, at, value);
        for (int i = 0; i < 4; i++) {
            b[at + 4 + i] = (byte) (value >>> (8 * (3 - i)));
        }
    }
}
