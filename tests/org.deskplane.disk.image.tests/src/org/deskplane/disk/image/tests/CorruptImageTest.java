package org.deskplane.disk.image.tests;

import static org.deskplane.disk.image.tests.ImageTool.randomRaw;
import static org.deskplane.disk.image.tests.ImageTool.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.deskplane.disk.api.BlockDevice;
import org.deskplane.disk.api.DiskFormatException;
import org.deskplane.disk.api.DiskImages;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Damaged images are refused with a DiskFormatException that says what is wrong, in bounded time. */
class CorruptImageTest {

    @TempDir
    static Path dir;
    private static Path qcow2;
    private static DiskImages images;

    @BeforeAll
    static void image() throws Exception {
        Path source = randomRaw(dir.resolve("source.raw"), 2L << 20, 99);
        qcow2 = dir.resolve("good.qcow2");
        run(dir, "qemu-img", "convert", "-f", "raw", "-O", "qcow2", "-o", "cluster_size=4096", source.toString(),
                qcow2.toString());
        images = Services.diskImages();
    }

    private static Path copy(String name, byte[] bytes) throws IOException {
        Path file = dir.resolve(name);
        Files.write(file, bytes);
        return file;
    }

    /** Opening and reading the whole device fails with a DiskFormatException; returns its message. */
    private static String assertCorrupt(Path image) {
        DiskFormatException e = assertTimeoutPreemptively(Duration.ofSeconds(30),
                () -> assertThrows(DiskFormatException.class, () -> {
                    try (BlockDevice device = images.open(image, "qcow2")) {
                        ImageTool.sha256(device);
                    }
                }));
        assertTrue(e.getMessage() != null && e.getMessage().contains(image.getFileName().toString()),
                "message names the image: " + e.getMessage());
        return e.getMessage();
    }

    @Test
    void truncatedImage() throws IOException {
        byte[] bytes = Files.readAllBytes(qcow2);
        String message = assertCorrupt(copy("truncated.qcow2", java.util.Arrays.copyOf(bytes, bytes.length / 2)));
        assertTrue(message.contains("beyond the end of the file"), message);
        assertCorrupt(copy("header-only.qcow2", java.util.Arrays.copyOf(bytes, 40)));
    }

    @Test
    void l1TableOutOfRange() throws IOException {
        byte[] bytes = Files.readAllBytes(qcow2);
        ByteBuffer.wrap(bytes).putLong(40, 1L << 40);
        String message = assertCorrupt(copy("l1-far.qcow2", bytes));
        assertTrue(message.contains("L1 table"), message);
        ByteBuffer.wrap(bytes).putLong(40, 4096 + 8);
        assertCorrupt(copy("l1-misaligned.qcow2", bytes));
    }

    @Test
    void l2EntryPointingPastTheFile() throws IOException {
        byte[] bytes = Files.readAllBytes(qcow2);
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        long l1 = buffer.getLong(40);
        long l2 = buffer.getLong((int) l1) & 0x00FF_FFFF_FFFF_FE00L;
        // a bit flip high in the first L2 entry's offset
        bytes[(int) l2 + 2] ^= 0x40;
        String message = assertCorrupt(copy("l2-flip.qcow2", bytes));
        assertTrue(message.contains("data cluster"), message);
    }

    @Test
    void headerBitFlips() throws IOException {
        byte[] good = Files.readAllBytes(qcow2);
        byte[] bytes = good.clone();
        bytes[23] ^= 0x10; // cluster_bits 12 → 28
        assertTrue(assertCorrupt(copy("cluster-bits.qcow2", bytes)).contains("cluster_bits"));
        bytes = good.clone();
        bytes[7] ^= 0x04; // version 3 → 7
        assertTrue(assertCorrupt(copy("version.qcow2", bytes)).contains("version"));
        bytes = good.clone();
        bytes[39] ^= 0x01; // l1_size too small for the virtual size
        bytes[25] ^= 0x10; // and the virtual size much larger
        assertCorrupt(copy("size.qcow2", bytes));
        bytes = good.clone();
        bytes[0] ^= 0x01; // no magic: no longer a qcow2 (it probes as raw)
        Path noMagic = copy("no-magic.qcow2", bytes);
        assertEquals("raw", images.probe(noMagic));
        assertCorrupt(noMagic);
    }

    @Test
    void unknownFormatNameIsRefused() {
        DiskFormatException e = assertThrows(DiskFormatException.class, () -> images.open(qcow2, "nonesuch"));
        assertTrue(e.getMessage().contains("nonesuch"), e.getMessage());
    }
}
