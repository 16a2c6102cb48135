package org.deskplane.vmdiff.qcow2.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

import org.deskplane.vmdiff.qcow2.ClusterEntry;
import org.deskplane.vmdiff.qcow2.Qcow2Exception;
import org.deskplane.vmdiff.qcow2.Qcow2Image;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/**
 * Corrupt or unsupported images are refused with a Qcow2Exception naming the problem. The class timeout only
 * guards against a parser loop that spins; the checks themselves take milliseconds.
 */
@Timeout(120)
class CorruptImageTest {

    private static final int CLUSTER = 65536;

    @TempDir
    Path dir;
    /** The first scenario's overlay: data at 16..19, compressed at 96, zero at 48 (64k clusters). */
    private Path good;
    private long l1Offset;
    private long l2Offset;

    @BeforeEach
    void makeOverlay() throws IOException {
        good = Scenarios.all().get(0).builder().build(dir);
        l1Offset = Patch.readLong(good, 40);
        l2Offset = Patch.readLong(good, l1Offset) & 0x00FF_FFFF_FFFF_FE00L;
    }

    @Test
    void truncatedHeader() throws IOException {
        refused(Patch.truncated(good, dir.resolve("a.qcow2"), 50), "too short");
        refused(Patch.truncated(good, dir.resolve("b.qcow2"), 100), "too short for a qcow2 v3 header");
        refused(Patch.truncated(good, dir.resolve("c.qcow2"), 0), "too short");
    }

    @Test
    void l1TableBeyondTheEndOfTheFile() throws IOException {
        long far = (Files.size(good) / CLUSTER + 10) * CLUSTER;
        refused(Patch.putLong(good, dir.resolve("l1.qcow2"), 40, far), "L1 table");
    }

    @Test
    void hugeOrTooSmallL1Size() throws IOException {
        refused(Patch.putInt(good, dir.resolve("huge.qcow2"), 36, 0xFFFF_FFFF), "exceeds the limit");
        refused(Patch.putInt(good, dir.resolve("big.qcow2"), 36, 1_000_000), "beyond the end of the file");
        refused(Patch.putInt(good, dir.resolve("zero.qcow2"), 36, 0), "too small");
        // a virtual size far beyond what the L1 table covers
        refused(Patch.putLong(good, dir.resolve("size.qcow2"), 24, 1L << 50), "too small");
    }

    @Test
    void l2TableOrEntryBeyondTheEndOfTheFile() throws IOException {
        long far = (Files.size(good) / CLUSTER + 10) * CLUSTER;
        refused(Patch.putLong(good, dir.resolve("l2.qcow2"), l1Offset, far | 1L << 63), "L2 table");
        refused(Patch.putLong(good, dir.resolve("entry.qcow2"), l2Offset + 16 * 8, far | 1L << 63),
                "beyond the end of the file");
        refused(Patch.putLong(good, dir.resolve("unaligned.qcow2"), l2Offset + 16 * 8, (far - 512) | 1L << 63),
                "not a cluster boundary");
        refused(Patch.putLong(good, dir.resolve("l2unaligned.qcow2"), l1Offset, (l2Offset + 4096) | 1L << 63),
                "not a cluster boundary");
    }

    @Test
    void badBackingFileName() throws IOException {
        refused(Patch.putInt(good, dir.resolve("long.qcow2"), 16, 2000), "backing file name length");
        refused(Patch.putLong(good, dir.resolve("outside.qcow2"), 8, CLUSTER - 4), "backing file name");
        refused(Patch.putLong(good, dir.resolve("inheader.qcow2"), 8, 8), "backing file name");
    }

    @Test
    void badHeaderExtension() throws IOException {
        // the first extension (backing format) starts at header_length 112
        refused(Patch.putInt(good, dir.resolve("extlen.qcow2"), 112 + 4, 0x7FFF_FFFF), "header extension");
        refused(Patch.putInt(good, dir.resolve("fmtlen.qcow2"), 112 + 4, 40), "backing format");
        refused(Patch.putInt(good, dir.resolve("hdrlen.qcow2"), 100, 0x10_0000), "header_length");
    }

    @Test
    void badCompressedDescriptor() throws IOException {
        long raw = Patch.readLong(good, l2Offset + 96 * 8);
        assertTrue((raw & 1L << 62) != 0, "cluster 96 is compressed");
        int x = 62 - (16 - 8);
        long sectors = raw & ~((1L << x) - 1);
        long far = Files.size(good) + 4096;
        refused(Patch.putLong(good, dir.resolve("far.qcow2"), l2Offset + 96 * 8, sectors | far), "compressed");
        refused(Patch.putLong(good, dir.resolve("head.qcow2"), l2Offset + 96 * 8, sectors | 512), "compressed");

        long dataOffset = raw & ((1L << x) - 1);
        Path garbage = Patch.putLong(good, dir.resolve("garbage.qcow2"), dataOffset, 0xFFFF_FFFF_FFFF_FFFFL);
        try (Qcow2Image image = Qcow2Image.open(garbage)) {
            Overlays.listing(image); // the descriptor itself is fine
            Qcow2Exception e = assertThrows(Qcow2Exception.class,
                    () -> image.readCluster(96, ByteBuffer.allocate(CLUSTER)));
            assertTrue(e.getMessage().contains("compressed cluster of guest cluster 96"), e.getMessage());
        }
    }

    @Test
    void unknownIncompatibleAndRefusedFeatureBits() throws IOException {
        refused(Patch.putLong(good, dir.resolve("unknown.qcow2"), 72, 1L << 10), "unknown incompatible features");
        refused(Patch.putLong(good, dir.resolve("corrupt.qcow2"), 72, 1L << 1), "corrupt");
        refused(Patch.putLong(good, dir.resolve("datafile.qcow2"), 72, 1L << 2), "external data file");
        refused(Patch.putLong(good, dir.resolve("ztype.qcow2"), 72, 1L << 3), "zstd");
        refused(Patch.putLong(good, dir.resolve("subclusters.qcow2"), 72, 1L << 4), "subclusters");
        refused(Patch.putInt(good, dir.resolve("crypt.qcow2"), 32, 1), "encrypted");
        refused(Patch.putInt(good, dir.resolve("version.qcow2"), 4, 4), "version 4");
        refused(Patch.putInt(good, dir.resolve("bits.qcow2"), 20, 22), "cluster_bits");
        refused(Patch.putInt(good, dir.resolve("magic.qcow2"), 0, 0x12345678), "not a qcow2 image");
    }

    @Test
    void imagesQemuMakesWithRefusedFeatures() {
        Qemu.rawBase(dir, "b.raw", 1 << 20);
        refused(Qemu.overlay(dir.resolve("b.raw"), "raw", "extl2.qcow2", "extended_l2=on"), "subclusters");
        refused(Qemu.overlay(dir.resolve("b.raw"), "raw", "data.qcow2", "data_file=data.bin"), "external data file");
        Qemu.Result zstd = Qemu.exec(dir, "qemu-img", "create", "-q", "-f", "qcow2", "-o", "compression_type=zstd",
                "zstd.qcow2", "1M");
        Assumptions.assumeTrue(zstd.exitCode() == 0, "this qemu-img has no zstd: " + zstd.output());
        refused(dir.resolve("zstd.qcow2"), "zstd");
    }

    @Test
    void zeroFlagInAVersion2ImageIsCorrupt() throws IOException {
        Path v2dir = Files.createDirectories(dir.resolve("v2"));
        Qemu.rawBase(v2dir, "base.raw", 1 << 20);
        Path v2 = Qemu.overlay(v2dir.resolve("base.raw"), "raw", "v2.qcow2", "compat=0.10");
        Qemu.io(v2, "write -P 0xab 0 64k");
        long l1 = Patch.readLong(v2, 40);
        long l2 = Patch.readLong(v2, l1) & 0x00FF_FFFF_FFFF_FE00L;
        long entry = Patch.readLong(v2, l2);
        refused(Patch.putLong(v2, dir.resolve("v2zero.qcow2"), l2, entry | 1), "zero flag in a v2 image");
    }

    @Test
    void dirtyBitIsAccepted() throws IOException {
        List<ClusterEntry> expected = Overlays.listing(good);
        Path dirty = Patch.putLong(good, dir.resolve("dirty.qcow2"), 72, 1L);
        assertEquals(expected, Overlays.listing(dirty));
    }

    /** Opening and listing the image fails with a Qcow2Exception whose message contains {@code words}. */
    private static void refused(Path image, String words) {
        Executable openAndList = () -> Overlays.listing(image);
        Qcow2Exception e = assertThrows(Qcow2Exception.class, openAndList, image.getFileName().toString());
        assertTrue(e.getMessage().contains(words), "message of " + image.getFileName() + ": " + e.getMessage());
    }

    /** Copies of an image with bytes changed. */
    static final class Patch {

        private Patch() {
        }

        static long readLong(Path file, long offset) throws IOException {
            try (FileChannel channel = FileChannel.open(file)) {
                ByteBuffer buffer = ByteBuffer.allocate(8);
                channel.read(buffer, offset);
                return buffer.getLong(0);
            }
        }

        static Path putLong(Path source, Path target, long offset, long value) throws IOException {
            return put(source, target, offset, ByteBuffer.allocate(8).putLong(0, value));
        }

        static Path putInt(Path source, Path target, long offset, int value) throws IOException {
            return put(source, target, offset, ByteBuffer.allocate(4).putInt(0, value));
        }

        static Path put(Path source, Path target, long offset, ByteBuffer bytes) throws IOException {
            Files.copy(source, target);
            try (FileChannel channel = FileChannel.open(target, StandardOpenOption.WRITE)) {
                channel.write(bytes, offset);
            }
            return target;
        }

        static Path truncated(Path source, Path target, long length) throws IOException {
            Files.copy(source, target);
            try (FileChannel channel = FileChannel.open(target, StandardOpenOption.WRITE)) {
                channel.truncate(length);
            }
            return target;
        }
    }
}
