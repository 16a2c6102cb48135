package org.deskplane.disk.ntfs.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.deskplane.disk.api.BlockDevices;
import org.deskplane.disk.api.DiskFormatException;
import org.deskplane.disk.api.FileEntry;
import org.deskplane.disk.api.FileSystem;
import org.deskplane.disk.api.FileSystemType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/** Damaged images are refused with DiskFormatException, in bounded time; a seeded mutation fuzz loop. */
class NtfsCorruptionTest {

    private static final long FUZZ_SEED = 0xF022L;
    private static final int FUZZ_ITERATIONS = 600;

    @TempDir
    static Path work;
    static FileSystemType ntfs;
    static byte[] pristine;

    @BeforeAll
    static void buildImage() throws Exception {
        ntfs = NtfsService.get();
        Path source = Files.createDirectories(work.resolve("source"));
        Files.writeString(source.resolve("small.txt"), "small and resident");
        byte[] data = new byte[70_000];
        new Random(3).nextBytes(data);
        Files.write(source.resolve("data.bin"), data);
        Path many = Files.createDirectories(source.resolve("many").resolve("inner"));
        for (int i = 0; i < 150; i++) {
            Files.writeString(many.getParent().resolve("entry number " + i + " with a longer name.txt"), "x" + i);
        }
        Files.writeString(many.resolve("deep.txt"), "deep");
        Path image = NtfsImage.build(work, "small.img", 8, List.of(), "small", source, null);
        pristine = Files.readAllBytes(image);
    }

    private static byte[] copy() {
        return Arrays.copyOf(pristine, pristine.length);
    }

    private static void assertCorrupt(byte[] image, String path, String messagePart) {
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            DiskFormatException e = assertThrows(DiskFormatException.class, () -> walkAll(image, path));
            assertTrue(e.getMessage().contains(messagePart), e.getMessage());
        });
    }

    /** Opens the image and reads what {@code path} names (directory: lists it; file: reads it all). */
    private static void walkAll(byte[] image, String path) throws IOException {
        try (FileSystem fs = ntfs.open(BlockDevices.memory(image, "memory image"))) {
            FileEntry e = fs.stat(path);
            if (e.isDirectory()) {
                fs.list(path);
            } else {
                Walker.sha256(fs, path, new Random(1), Long.MAX_VALUE);
            }
        }
    }

    @Test
    void pristineImageReads() throws IOException {
        try (FileSystem fs = ntfs.open(BlockDevices.memory(copy(), "memory image"))) {
            assertEquals(151, fs.list("/many").size());
            assertEquals("deep", new String(read(fs, "/many/inner/deep.txt")));
        }
    }

    private static byte[] read(FileSystem fs, String path) throws IOException {
        try (var f = fs.open(path)) {
            byte[] b = new byte[(int) f.entry().size()];
            int n = f.read(0, b, 0, b.length);
            assertEquals(b.length, n);
            return b;
        }
    }

    @Test
    void fixupMismatchIsRefused() throws Exception {
        byte[] image = copy();
        RawImage raw = new RawImage(image);
        image[(int) raw.recordOffset(NtfsFileSystem.ROOT) + 1022] ^= 0x5A;
        DiskFormatException e = assertThrows(DiskFormatException.class, () -> ntfs.open(BlockDevices.memory(image, "memory image")));
        assertTrue(e.getMessage().contains("fixup"), e.getMessage());
    }

    @Test
    void runOutsideTheVolumeIsRefused() throws Exception {
        byte[] image = copy();
        RawImage raw = new RawImage(image);
        long n = raw.find("data.bin");
        byte[] r = raw.record(n);
        int a = RawImage.attribute(r, Attribute.DATA);
        int runs = a + Le.u16(r, a + 32);
        int header = r[runs] & 0xff;
        int lcnAt = runs + 1 + (header & 0x0f);
        for (int i = 0; i < (header >>> 4); i++) {
            r[lcnAt + i] = (byte) (i == (header >>> 4) - 1 ? 0x7f : 0xff);
        }
        raw.write(n, r);
        assertCorrupt(image, "/data.bin", "outside the volume");
    }

    @Test
    void loopingIndexIsRefused() throws Exception {
        byte[] image = copy();
        RawImage raw = new RawImage(image);
        assertTrue(raw.loopAnIndexBlock(4096), "/many should have an internal INDX block");
        assertCorrupt(image, "/many", "reached twice");
    }

    @Test
    void truncatedImageIsRefused() {
        byte[] image = Arrays.copyOf(pristine, pristine.length / 2);
        assertThrows(DiskFormatException.class, () -> ntfs.open(BlockDevices.memory(image, "memory image")));
        assertThrows(DiskFormatException.class, () -> ntfs.open(BlockDevices.memory(Arrays.copyOf(pristine, 300), "memory image")));
    }

    @Test
    void badBootSectorIsRefused() throws IOException {
        byte[] image = copy();
        image[13] = 0; // sectors per cluster
        assertThrows(DiskFormatException.class, () -> ntfs.open(BlockDevices.memory(image, "memory image")));
        byte[] other = copy();
        other[3] = 'X';
        assertFalse(ntfs.probe(BlockDevices.memory(other, "memory image")));
        assertThrows(DiskFormatException.class, () -> ntfs.open(BlockDevices.memory(other, "memory image")));
    }

    /**
     * Flips and overwrites random bytes in the boot sector, the first MFT records and the INDX blocks, then
     * opens, walks and reads everything: only I/O exceptions with a message may come out.
     */
    @Test
    void mutationFuzz() {
        assertTimeoutPreemptively(Duration.ofSeconds(120), this::fuzz);
    }

    private void fuzz() throws Exception {
        byte[] image = copy();
        RawImage raw = new RawImage(image);
        int mftStart = (int) raw.recordOffset(0);
        int mftBytes = 80 * raw.boot.mftRecordSize();
        List<Integer> indx = new ArrayList<>();
        for (int at = 0; at + 4 <= image.length; at += raw.boot.clusterSize()) {
            if (image[at] == 'I' && image[at + 1] == 'N' && image[at + 2] == 'D' && image[at + 3] == 'X') {
                indx.add(at);
            }
        }
        assertFalse(indx.isEmpty(), "the image should have INDX blocks");
        Random random = new Random(FUZZ_SEED);
        int refused = 0;
        for (int iteration = 0; iteration < FUZZ_ITERATIONS; iteration++) {
            int mutations = 1 + random.nextInt(8);
            int[] offsets = new int[mutations];
            byte[] saved = new byte[mutations];
            for (int m = 0; m < mutations; m++) {
                int region = random.nextInt(10);
                int at;
                if (region == 0) {
                    at = random.nextInt(512);
                } else if (region < 4) {
                    at = indx.get(random.nextInt(indx.size())) + random.nextInt(4096);
                } else {
                    at = mftStart + random.nextInt(mftBytes);
                }
                offsets[m] = at;
                saved[m] = image[at];
                image[at] = switch (random.nextInt(3)) {
                case 0 -> (byte) (image[at] ^ (1 << random.nextInt(8)));
                case 1 -> (byte) random.nextInt(256);
                default -> random.nextBoolean() ? (byte) 0xff : 0;
                };
            }
            int it = iteration;
            Executable walk = () -> fuzzWalk(image, random.nextLong());
            try {
                walk.execute();
            } catch (DiskFormatException | EOFException | NoSuchFileException | NotDirectoryException e) {
                refused++;
            } catch (IOException e) {
                if (e.getMessage() == null) {
                    fail("seed " + FUZZ_SEED + " iteration " + it + ": IOException without message", e);
                }
                refused++;
            } catch (Throwable t) {
                fail("seed " + FUZZ_SEED + " iteration " + it + ": " + t, t);
            }
            for (int m = mutations - 1; m >= 0; m--) {
                image[offsets[m]] = saved[m];
            }
        }
        assertTrue(refused > 0, "some mutations must be detected");
    }

    private static void fuzzWalk(byte[] image, long seed) throws IOException {
        Random random = new Random(seed);
        try (FileSystem fs = ntfs.open(BlockDevices.memory(image, "memory image"))) {
            fs.label();
            Walker walker = new Walker(fs, 2000, 25).walk("/", 0);
            for (FileEntry e : walker.entries.values()) {
                fs.stat(e.path());
                if (e.isFile()) {
                    Walker.sha256(fs, e.path(), random, 256 << 10);
                    try (var f = fs.open(e.path())) {
                        byte[] b = new byte[4096];
                        f.read((long) (random.nextDouble() * Math.max(1, e.size())), b, 0, b.length);
                    }
                }
            }
        }
    }
}
