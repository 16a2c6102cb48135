package org.deskplane.disk.ext.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.deskplane.disk.api.BlockDevice;
import org.deskplane.disk.api.DiskFormatException;
import org.deskplane.disk.api.FileSystem;
import org.deskplane.disk.api.FileSystemType;
import org.deskplane.disk.api.OpenFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hand-corrupted images: each defect is reported as a DiskFormatException naming it, in bounded time. */
class ExtCorruptionTest {

    private static final int BLOCK = 4096;
    private static final Duration HANG_GUARD = Duration.ofSeconds(30);

    @TempDir
    static Path work;
    static Path source;
    static FileSystemType ext;

    @BeforeAll
    static void makeTree() throws Exception {
        ext = ExtTestSupport.extService();
        source = Files.createDirectories(work.resolve("source"));
        Files.createDirectories(source.resolve("sub"));
        Files.write(source.resolve("sub/f"), "hello".getBytes(StandardCharsets.UTF_8));
        byte[] data = new byte[40_000];
        new java.util.Random(7).nextBytes(data);
        Files.write(source.resolve("data.bin"), data);
    }

    /** An ext4 image without metadata checksums, so that the structural checks themselves are exercised. */
    private Path image(String name, String kind, String... options) throws Exception {
        Path image = work.resolve(name);
        List<String> command = new java.util.ArrayList<>(List.of("mkfs." + kind, "-q", "-F", "-b", "" + BLOCK));
        command.addAll(List.of(options));
        command.addAll(List.of("-d", source.toString(), image.toString(), "8M"));
        ExtTestSupport.run(command);
        return image;
    }

    private void assertCorrupt(Path image, String messagePart, ThrowingAction action) {
        assertTimeoutPreemptively(HANG_GUARD, () -> {
            try (BlockDevice device = ExtTestSupport.open(image)) {
                DiskFormatException e = assertThrows(DiskFormatException.class, () -> action.run(device));
                assertTrue(e.getMessage().contains(messagePart), "message '" + e.getMessage() + "' names " + messagePart);
            }
        });
    }

    interface ThrowingAction {
        void run(BlockDevice device) throws Exception;
    }


    @Test
    void truncatedImageIsRefused() throws Exception {
        Path image = image("truncated.img", "ext4", "-O", "^metadata_csum");
        try (FileChannel channel = FileChannel.open(image, StandardOpenOption.WRITE)) {
            channel.truncate(4 * 1024 * 1024);
        }
        assertCorrupt(image, "truncated", device -> ext.open(device));
        try (FileChannel channel = FileChannel.open(image, StandardOpenOption.WRITE)) {
            channel.truncate(1500);
        }
        assertCorrupt(image, "1500 bytes", device -> ext.open(device));
    }

    @Test
    void badMagicIsNotExt() throws Exception {
        Path image = image("magic.img", "ext4");
        ExtTestSupport.patch(image, 1024 + 0x38, 0xEF54, 2);
        try (BlockDevice device = ExtTestSupport.open(image)) {
            assertFalse(ext.probe(device));
        }
        assertCorrupt(image, "magic", device -> ext.open(device));
    }

    @Test
    void superblockBitFlipFailsTheChecksum() throws Exception {
        Path image = image("flip.img", "ext4");
        try (BlockDevice device = ExtTestSupport.open(image)) {
            ext.open(device).close(); // valid before the flip
        }
        ExtTestSupport.patch(image, 1024 + 0x28, 0x8001, 2); // inodes per group
        assertCorrupt(image, "checksum", device -> ext.open(device));
    }

    @Test
    void unsupportedIncompatibleFeaturesAreNamed() throws Exception {
        Path image = image("features.img", "ext2");
        ExtTestSupport.patch(image, 1024 + 0x60, 0x2 | 0x1 | 0x1000 | 0x100000, 4);
        assertTimeoutPreemptively(HANG_GUARD, () -> {
            try (BlockDevice device = ExtTestSupport.open(image)) {
                String message = assertThrows(DiskFormatException.class, () -> ext.open(device)).getMessage();
                assertTrue(message.contains("compression") && message.contains("dirdata")
                        && message.contains("0x100000"), message);
            }
        });
    }

    @Test
    void extentIndexPointingToItselfIsRefused() throws Exception {
        Path image = image("loop.img", "ext4", "-O", "^metadata_csum");
        long inode = ExtTestSupport.inodeOffset(image, "/data.bin", BLOCK);
        long self = ExtTestSupport.blocks(image, "/data.bin").get(0);
        // root: depth 1, one index to block `self`; block `self`: depth 1 again, index to itself
        writeExtentIndexNode(image, inode + 0x28, 4, self);
        writeExtentIndexNode(image, self * BLOCK, (BLOCK - 12) / 12, self);
        assertCorrupt(image, "depth", device -> readAll(ext.open(device), "/data.bin"));
    }

    @Test
    void extentOutsideTheFileSystemIsRefused() throws Exception {
        Path image = image("extent-range.img", "ext4", "-O", "^metadata_csum");
        long inode = ExtTestSupport.inodeOffset(image, "/data.bin", BLOCK);
        ExtTestSupport.patch(image, inode + 0x28 + 12 + 8, 0x7FFF_FFF0L, 4); // first extent's start block
        assertCorrupt(image, "outside", device -> readAll(ext.open(device), "/data.bin"));
    }

    @Test
    void directoryRecordLengthZeroIsRefused() throws Exception {
        Path image = image("reclen0.img", "ext4", "-O", "^metadata_csum");
        long root = ExtTestSupport.blocks(image, "/").get(0);
        ExtTestSupport.patch(image, root * BLOCK + 4, 0, 2);
        assertCorrupt(image, "rec_len 0", device -> ext.open(device).list("/"));
        assertCorrupt(image, "rec_len 0", device -> ext.open(device).stat("/sub/f"));
    }

    @Test
    void directoryRecordBeyondTheBlockIsRefused() throws Exception {
        Path image = image("reclen-big.img", "ext2");
        long sub = ExtTestSupport.blocks(image, "/sub").get(0);
        ExtTestSupport.patch(image, sub * BLOCK + 4, 0xFFFC, 2);
        assertCorrupt(image, "rec_len 65532", device -> ext.open(device).list("/sub"));
    }

    @Test
    void inodeNumberOutOfRangeIsRefused() throws Exception {
        Path image = image("inode-range.img", "ext4", "-O", "^metadata_csum");
        long sub = ExtTestSupport.blocks(image, "/sub").get(0);
        byte[] block = new byte[BLOCK];
        try (FileChannel channel = FileChannel.open(image, StandardOpenOption.READ)) {
            channel.read(java.nio.ByteBuffer.wrap(block), sub * BLOCK);
        }
        int entry = indexOfName(block, "f");
        ExtTestSupport.patch(image, sub * BLOCK + entry, 0x7FFF_FFFFL, 4);
        assertCorrupt(image, "beyond", device -> ext.open(device).list("/sub"));
        assertCorrupt(image, "beyond", device -> ext.open(device).stat("/sub/f"));
    }

    @Test
    void timesUseEpochBitsAndNanoseconds() throws Exception {
        Path image = image("times.img", "ext4", "-O", "^metadata_csum");
        long inode = ExtTestSupport.inodeOffset(image, "/data.bin", BLOCK);
        ExtTestSupport.patch(image, inode + 0x10, 16, 4); // i_mtime
        ExtTestSupport.patch(image, inode + 0x88, (123_456_789L << 2) | 1, 4); // i_mtime_extra: epoch 1
        try (BlockDevice device = ExtTestSupport.open(image); FileSystem fs = ext.open(device)) {
            assertEquals(Instant.ofEpochSecond((1L << 32) + 16, 123_456_789), fs.stat("/data.bin").modified());
        }
    }

    @Test
    void inodeBitFlipFailsItsChecksum() throws Exception {
        Path image = image("inode-csum.img", "ext4");
        long inode = ExtTestSupport.inodeOffset(image, "/data.bin", BLOCK);
        try (BlockDevice device = ExtTestSupport.open(image); FileSystem fs = ext.open(device)) {
            assertEquals(40_000, fs.stat("/data.bin").size()); // valid before the flip
        }
        ExtTestSupport.patch(image, inode + 0x04, 40_001, 4); // i_size_lo
        assertCorrupt(image, "checksum", device -> ext.open(device).stat("/data.bin"));
    }

    @Test
    void uninitialisedExtentReadsAsZeros() throws Exception {
        Path image = image("uninit.img", "ext4", "-O", "^metadata_csum");
        long inode = ExtTestSupport.inodeOffset(image, "/data.bin", BLOCK);
        try (BlockDevice device = ExtTestSupport.open(image); FileSystem fs = ext.open(device)) {
            assertFalse(java.util.Arrays.equals(new byte[40_000], readAll(fs, "/data.bin")));
        }
        ExtTestSupport.patch(image, inode + 0x28 + 12 + 4, 32768 + 10, 2); // ee_len: 10 blocks, uninitialised
        try (BlockDevice device = ExtTestSupport.open(image); FileSystem fs = ext.open(device)) {
            assertArrayEquals(new byte[40_000], readAll(fs, "/data.bin"));
        }
    }

    @Test
    void missingPathsAreNoSuchFile() throws Exception {
        Path image = image("plain.img", "ext4");
        try (BlockDevice device = ExtTestSupport.open(image); FileSystem fs = ext.open(device)) {
            assertThrows(java.nio.file.NoSuchFileException.class, () -> fs.stat("/sub/missing"));
            assertThrows(java.nio.file.NoSuchFileException.class, () -> fs.open("/nope"));
            assertArrayEquals("hello".getBytes(StandardCharsets.UTF_8), readAll(fs, "/sub/f"));
        }
    }

    private static void writeExtentIndexNode(Path image, long offset, int max, long child) throws IOException {
        ExtTestSupport.patch(image, offset, 0xF30A, 2);
        ExtTestSupport.patch(image, offset + 2, 1, 2); // entries
        ExtTestSupport.patch(image, offset + 4, max, 2);
        ExtTestSupport.patch(image, offset + 6, 1, 2); // depth
        ExtTestSupport.patch(image, offset + 12, 0, 4); // first logical block
        ExtTestSupport.patch(image, offset + 16, child, 4);
        ExtTestSupport.patch(image, offset + 20, 0, 2);
    }

    private static int indexOfName(byte[] block, String name) {
        byte[] wanted = name.getBytes(StandardCharsets.UTF_8);
        int at = 0;
        while (at + 8 <= block.length) {
            int recordLength = (block[at + 4] & 0xFF) | (block[at + 5] & 0xFF) << 8;
            int nameLength = block[at + 6] & 0xFF;
            if (nameLength == wanted.length
                    && java.util.Arrays.equals(block, at + 8, at + 8 + nameLength, wanted, 0, wanted.length)) {
                return at;
            }
            if (recordLength < 8) {
                break;
            }
            at += recordLength;
        }
        throw new AssertionError("no entry " + name);
    }

    private static byte[] readAll(FileSystem fs, String path) throws IOException {
        try (OpenFile file = fs.open(path)) {
            byte[] data = new byte[(int) file.entry().size()];
            int done = 0;
            while (done < data.length) {
                int n = file.read(done, data, done, data.length - done);
                if (n <= 0) {
                    break;
                }
                done += n;
            }
            return data;
        }
    }
}
