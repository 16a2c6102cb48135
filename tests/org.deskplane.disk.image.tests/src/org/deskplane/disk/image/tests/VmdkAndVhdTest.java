package org.deskplane.disk.image.tests;

import static org.deskplane.disk.image.tests.ImageTool.assertPrefixEquals;
import static org.deskplane.disk.image.tests.ImageTool.assertSameBytes;
import static org.deskplane.disk.image.tests.ImageTool.qemuRaw;
import static org.deskplane.disk.image.tests.ImageTool.randomRaw;
import static org.deskplane.disk.image.tests.ImageTool.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;

import org.deskplane.disk.api.BlockDevice;
import org.deskplane.disk.api.DiskFormatException;
import org.deskplane.disk.api.DiskImages;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** VMDK subformats and VHD (fixed, dynamic) made by qemu-img read back exactly as qemu reads them. */
class VmdkAndVhdTest {

    private static final long SIZE = 6L * 1024 * 1024 + 7 * 512;

    @TempDir
    static Path dir;
    private static Path source;
    private static DiskImages images;

    @BeforeAll
    static void source() throws Exception {
        source = randomRaw(dir.resolve("source.raw"), SIZE, 7);
        images = Services.diskImages();
    }

    /** Converts the source, then compares our view with qemu's (and qemu's with the source, as a guard). */
    private void assertConverts(String name, String format, String expectedProbe, String... options)
            throws IOException {
        Path image = dir.resolve(name);
        java.util.List<String> command = ImageTool.list("qemu-img", "convert", "-f", "raw", "-O", format);
        command.addAll(java.util.List.of(options));
        command.add(source.toString());
        command.add(image.toString());
        run(dir, command.toArray(String[]::new));
        Path expected = qemuRaw(image, format, dir.resolve(name + ".expected"));
        assertPrefixEquals(source, expected);
        assertEquals(expectedProbe, images.probe(image));
        try (BlockDevice device = images.open(image, format)) {
            assertSameBytes(expected, device, name.hashCode(), 200);
        }
        if (expectedProbe.equals(format)) {
            try (BlockDevice device = images.open(image)) {
                assertEquals(ImageTool.sha256(expected), ImageTool.sha256(device));
            }
        }
        assertTrue(OpenFiles.under(dir).isEmpty(), "files left open: " + OpenFiles.under(dir));
    }

    @Test
    void vmdkMonolithicSparse() throws IOException {
        assertConverts("sparse.vmdk", "vmdk", "vmdk", "-o", "subformat=monolithicSparse");
    }

    @Test
    void vmdkStreamOptimized() throws IOException {
        assertConverts("stream.vmdk", "vmdk", "vmdk", "-o", "subformat=streamOptimized");
    }

    @Test
    void vmdkMonolithicFlat() throws IOException {
        assertConverts("flat.vmdk", "vmdk", "vmdk", "-o", "subformat=monolithicFlat");
    }

    @Test
    void vmdkTwoGbMaxExtentSparseAndFlat() throws IOException {
        assertConverts("split-sparse.vmdk", "vmdk", "vmdk", "-o", "subformat=twoGbMaxExtentSparse");
        assertConverts("split-flat.vmdk", "vmdk", "vmdk", "-o", "subformat=twoGbMaxExtentFlat");
    }

    @Test
    void vmdkDescriptorWithSeveralExtentsOfEachKind() throws IOException {
        // a hand-written descriptor: flat slice, zero run, and a sparse extent, read as one disk
        Path sparse = dir.resolve("part.vmdk");
        run(dir, "qemu-img", "convert", "-f", "raw", "-O", "vmdk", source.toString(), sparse.toString());
        long sectors = SIZE / 512;
        String descriptor = "# Disk DescriptorFile\nversion=1\nCID=12345678\nparentCID=ffffffff\n"
                + "createType=\"custom\"\n\n# Extent description\n"
                + "RW 100 FLAT \"source.raw\" 20\nRW 50 ZERO\nRW " + sectors + " SPARSE \"part.vmdk\"\n";
        Path disk = dir.resolve("multi.vmdk");
        java.nio.file.Files.writeString(disk, descriptor);
        byte[] expected = new byte[(int) (150 * 512 + SIZE)];
        try (var raw = new java.io.RandomAccessFile(source.toFile(), "r")) {
            raw.seek(20 * 512);
            raw.readFully(expected, 0, 100 * 512);
            raw.seek(0);
            raw.readFully(expected, 150 * 512, (int) SIZE);
        }
        Path expectedFile = dir.resolve("multi.expected");
        java.nio.file.Files.write(expectedFile, expected);
        try (BlockDevice device = images.open(disk)) {
            assertSameBytes(expectedFile, device, 11, 200);
        }
    }

    @Test
    void vmdkDeltaDiskIsRefusedClearly() throws IOException {
        Path base = dir.resolve("delta-base.vmdk");
        Path delta = dir.resolve("delta.vmdk");
        run(dir, "qemu-img", "create", "-f", "vmdk", base.toString(), "1M");
        run(dir, "qemu-img", "create", "-f", "vmdk", "-b", "delta-base.vmdk", "-F", "vmdk", delta.toString());
        DiskFormatException e = assertThrows(DiskFormatException.class, () -> images.open(delta));
        assertTrue(e.getMessage().contains("parent"), e.getMessage());
    }

    @Test
    void vhdDynamic() throws IOException {
        assertConverts("dynamic.vhd", "vpc", "vpc", "-o", "subformat=dynamic");
    }

    @Test
    void vhdFixedProbesAsRawLikeQemuAndReadsWhenNamed() throws IOException {
        assertConverts("fixed.vhd", "vpc", "raw", "-o", "subformat=fixed");
    }

    @Test
    void vhdDynamicWithSmallBlocksAndHolesInsideBlocks() throws IOException {
        Path image = dir.resolve("holes.vhd");
        run(dir, "qemu-img", "create", "-f", "vpc", image.toString(), "4M");
        run(dir, "qemu-io", "-f", "vpc", "-c", "write -P 0x5a 1000k 3k", "-c", "write -P 0xa5 3M 100k",
                image.toString());
        Path expected = qemuRaw(image, dir.resolve("holes.expected"));
        try (BlockDevice device = images.open(image)) {
            assertSameBytes(expected, device, 5, 100);
        }
    }
}
