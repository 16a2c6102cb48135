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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.deskplane.disk.api.BlockDevice;
import org.deskplane.disk.api.DiskFormatException;
import org.deskplane.disk.api.DiskImages;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** qcow2 images made by qemu-img/qemu-io read back through DiskImages exactly as qemu reads them. */
class Qcow2Test {

    private static final long SIZE = 9L * 1024 * 1024 + 3 * 512;

    @TempDir
    static Path dir;
    private static Path source;
    private static DiskImages images;

    @BeforeAll
    static void source() throws Exception {
        source = randomRaw(dir.resolve("source.raw"), SIZE, 42);
        images = Services.diskImages();
    }

    private void assertConverts(String name, String... options) throws IOException {
        Path image = dir.resolve(name + ".qcow2");
        List<String> command = ImageTool.list("qemu-img", "convert", "-f", "raw", "-O", "qcow2");
        command.addAll(List.of(options));
        command.add(source.toString());
        command.add(image.toString());
        run(dir, command.toArray(String[]::new));
        assertEquals("qcow2", images.probe(image));
        try (BlockDevice device = images.open(image)) {
            assertSameBytes(source, device, name.hashCode(), 200);
            assertTrue(device.describe().contains(image.getFileName().toString()), device.describe());
        }
        assertTrue(OpenFiles.under(dir).isEmpty(), "files left open: " + OpenFiles.under(dir));
    }

    @Test
    void version3DefaultClusters() throws IOException {
        assertConverts("v3");
    }

    @Test
    void version2() throws IOException {
        assertConverts("v2", "-o", "compat=0.10");
    }

    @Test
    void smallAndLargeClusters() throws IOException {
        assertConverts("c512", "-o", "cluster_size=512");
        assertConverts("c4k", "-o", "cluster_size=4096,compat=0.10");
        assertConverts("c2m", "-o", "cluster_size=2M");
    }

    @Test
    void compressedClusters() throws IOException {
        assertConverts("compressed", "-c");
        assertConverts("compressed4k", "-c", "-o", "cluster_size=4096");
        assertConverts("compressedV2", "-c", "-o", "compat=0.10,cluster_size=16384");
    }

    @Test
    void zeroClusters() throws IOException {
        Path image = dir.resolve("zeros.qcow2");
        run(dir, "qemu-img", "convert", "-f", "raw", "-O", "qcow2", source.toString(), image.toString());
        if (ImageTool.hasQemuIo()) {
            // whole zeroed clusters (the v3 zero flag) and partial ones (written as data)
            run(dir, "qemu-io", "-f", "qcow2", "-c", "write -z 0 1M", "-c", "write -z 3M 200k", "-c",
                    "write -z 5000 70000", image.toString());
        } else {
            run(dir, "qemu-img", "create", "-f", "qcow2", "-o", "preallocation=metadata", image.toString(), "" + SIZE);
        }
        Path expected = qemuRaw(image, dir.resolve("zeros.expected"));
        try (BlockDevice device = images.open(image)) {
            assertSameBytes(expected, device, 7, 200);
        }
        byte[] head = new byte[4096];
        try (BlockDevice device = images.open(image)) {
            device.read(1024, head, 0, head.length);
        }
        assertTrue(java.util.Arrays.equals(head, new byte[4096]), "zeroed range reads as zeros");
    }

    @Test
    void threeLayerChainEachLayerAsQemuSeesIt() throws IOException {
        Path base = dir.resolve("chain-base.qcow2");
        Path mid = dir.resolve("chain-mid.qcow2");
        Path top = dir.resolve("chain-top.qcow2");
        run(dir, "qemu-img", "convert", "-f", "raw", "-O", "qcow2", source.toString(), base.toString());
        // mid is larger than base: its tail reads zeros past the base's end
        run(dir, "qemu-img", "create", "-f", "qcow2", "-b", base.getFileName().toString(), "-F", "qcow2",
                mid.toString(), "12M");
        run(dir, "qemu-img", "create", "-f", "qcow2", "-o", "compat=0.10", "-b", mid.getFileName().toString(), "-F",
                "qcow2", top.toString(), "12M");
        run(dir, "qemu-io", "-f", "qcow2", "-c", "write -P 0x11 100k 300k", "-c", "write -P 0x22 8M 512k",
                base.toString());
        run(dir, "qemu-io", "-f", "qcow2", "-c", "write -P 0x33 64k 64k", "-c", "write -P 0x44 2M 1M",
                mid.toString());
        run(dir, "qemu-io", "-f", "qcow2", "-c", "write -P 0x55 2500k 4k", "-c", "write -P 0x66 11M 1000k",
                top.toString());
        for (Path layer : List.of(base, mid, top)) {
            Path expected = qemuRaw(layer, dir.resolve(layer.getFileName() + ".expected"));
            try (BlockDevice device = images.open(layer)) {
                assertSameBytes(expected, device, layer.hashCode(), 100);
            }
        }
        assertTrue(OpenFiles.under(dir).isEmpty(), "closing the top device closes the chain");
    }

    /**
     * One read spanning every kind of cluster — data clusters that are and are not back to back in the file,
     * compressed, zero, unallocated (from the backing file), several L2 tables and an unallocated L1 entry — returns
     * what qemu returns, both as a single read of the whole device and as large reads at odd offsets. This is the
     * path where runs of clusters are served together.
     */
    @Test
    void largeReadsAcrossEveryClusterKindEqualQemu() throws IOException {
        Path base = dir.resolve("kinds-base.qcow2");
        Path top = dir.resolve("kinds-top.qcow2");
        run(dir, "qemu-img", "convert", "-f", "raw", "-O", "qcow2", "-o", "cluster_size=4096", source.toString(),
                base.toString());
        // 4 KiB clusters: one L2 table covers 2 MiB, so a 9 MiB read crosses several, and the top leaves L1
        // entries 2 and 3 (4–8 MiB) unallocated except where written below
        run(dir, "qemu-img", "create", "-f", "qcow2", "-o", "cluster_size=4096", "-b", base.getFileName().toString(),
                "-F", "qcow2", top.toString(), "" + SIZE);
        // written back to front, so guest-adjacent clusters land in the file in reverse (not back to back)
        run(dir, "qemu-io", "-f", "qcow2", "-c", "write -P 0x61 8200k 24k", "-c", "write -P 0x62 8192k 8k",
                "-c", "write -c -P 0x63 1060k 16k", "-c", "write -z 1040k 20k", "-c", "write -P 0x64 1024k 16k",
                "-c", "write -c -P 0x65 1000k 8k", "-c", "write -P 0x66 900k 100k", "-c", "write -P 0x67 12345 777",
                "-c", "write -z 200k 64k", top.toString());
        Path expected = qemuRaw(top, dir.resolve("kinds.expected"));
        byte[] wanted = Files.readAllBytes(expected);
        try (BlockDevice device = images.open(top)) {
            assertEquals(wanted.length, device.size());
            byte[] whole = new byte[wanted.length];
            device.read(0, whole, 0, whole.length);
            assertTrue(java.util.Arrays.equals(wanted, whole), "one read of the whole device equals qemu's view");
            java.util.Random random = new java.util.Random(17);
            for (int i = 0; i < 40; i++) {
                int length = 1 + random.nextInt(3 << 20);
                long offset = random.nextLong(wanted.length - length);
                byte[] part = new byte[length + 3];
                device.read(offset, part, 3, length);
                assertTrue(java.util.Arrays.equals(wanted, (int) offset, (int) offset + length, part, 3, length + 3),
                        "read of " + length + " bytes at " + offset);
            }
        }
        assertTrue(OpenFiles.under(dir).isEmpty(), "files left open: " + OpenFiles.under(dir));
    }

    @Test
    void rawBackingFileWithoutFormatNameIsProbed() throws IOException {
        Path top = dir.resolve("over-raw.qcow2");
        run(dir, "qemu-img", "create", "-f", "qcow2", "-b", "source.raw", "-F", "raw", top.toString(), "" + SIZE);
        try (BlockDevice device = images.open(top)) {
            assertSameBytes(source, device, 3, 50);
        }
        // without the backing format extension the backing file is probed: turn the extension into an unknown one
        // (qemu-img refuses to write a backing file without a format)
        Path probed = dir.resolve("over-qcow2.qcow2");
        run(dir, "qemu-img", "convert", "-f", "raw", "-O", "qcow2", "-c", source.toString(),
                dir.resolve("chain-probe-base.qcow2").toString());
        run(dir, "qemu-img", "create", "-f", "qcow2", "-b", "chain-probe-base.qcow2", "-F", "qcow2", probed.toString(),
                "" + SIZE);
        byte[] bytes = Files.readAllBytes(probed);
        int patched = 0;
        for (int i = 72; i + 4 < 4096; i += 4) {
            if ((bytes[i] & 0xFF) == 0xE2 && (bytes[i + 1] & 0xFF) == 0x79 && (bytes[i + 2] & 0xFF) == 0x2A
                    && (bytes[i + 3] & 0xFF) == 0xCA) {
                bytes[i] = 0x12;
                patched++;
            }
        }
        assertEquals(1, patched, "one backing format extension");
        Files.write(probed, bytes);
        try (BlockDevice device = images.open(probed)) {
            assertSameBytes(source, device, 4, 50);
        }
    }

    @Test
    void cyclicChainIsRefused() throws IOException {
        Path a = dir.resolve("cycle-a.qcow2");
        Path b = dir.resolve("cycle-b.qcow2");
        run(dir, "qemu-img", "create", "-f", "qcow2", a.toString(), "1M");
        run(dir, "qemu-img", "create", "-f", "qcow2", "-b", "cycle-a.qcow2", "-F", "qcow2", b.toString(), "1M");
        run(dir, "qemu-img", "rebase", "-u", "-b", "cycle-b.qcow2", "-F", "qcow2", a.toString());
        DiskFormatException e = assertThrows(DiskFormatException.class, () -> images.open(a));
        assertTrue(e.getMessage().contains("loop") && e.getMessage().contains("cycle-a.qcow2")
                && e.getMessage().contains("cycle-b.qcow2"), e.getMessage());
        // a self-reference is a cycle too
        Path self = dir.resolve("self.qcow2");
        run(dir, "qemu-img", "create", "-f", "qcow2", self.toString(), "1M");
        run(dir, "qemu-img", "rebase", "-u", "-b", "self.qcow2", "-F", "qcow2", self.toString());
        assertThrows(DiskFormatException.class, () -> images.open(self));
        assertTrue(OpenFiles.under(dir).isEmpty(), "a refused chain leaves no file open: " + OpenFiles.under(dir));
    }

    @Test
    void missingBackingFileIsAnIOException() throws IOException {
        Path top = dir.resolve("orphan.qcow2");
        run(dir, "qemu-img", "create", "-f", "qcow2", "-b", "orphan-base.qcow2", "-F", "qcow2", "-u", top.toString(),
                "1M");
        assertThrows(java.nio.file.NoSuchFileException.class, () -> images.open(top));
    }

    @Test
    void encryptionAndExternalDataFileAreRefused() throws IOException {
        // qemu-img cannot make a LUKS image here (its PBKDF benchmark needs CPU accounting this machine lacks):
        // mark a plain image as AES-encrypted (crypt_method 1) instead
        Path encrypted = dir.resolve("encrypted.qcow2");
        run(dir, "qemu-img", "create", "-f", "qcow2", encrypted.toString(), "1M");
        byte[] bytes = Files.readAllBytes(encrypted);
        bytes[35] = 1;
        Files.write(encrypted, bytes);
        DiskFormatException e = assertThrows(DiskFormatException.class, () -> images.open(encrypted));
        assertTrue(e.getMessage().contains("encrypt"), e.getMessage());
        Path external = dir.resolve("external.qcow2");
        run(dir, "qemu-img", "create", "-f", "qcow2", "-o", "data_file=external.data", external.toString(), "1M");
        e = assertThrows(DiskFormatException.class, () -> images.open(external));
        assertTrue(e.getMessage().contains("external data file"), e.getMessage());
    }

    @Test
    void sourceSurvivesQemuRoundTrip() throws IOException {
        // guards the comparisons above: qemu's own view of a converted image is the source
        Path image = dir.resolve("roundtrip.qcow2");
        run(dir, "qemu-img", "convert", "-f", "raw", "-O", "qcow2", source.toString(), image.toString());
        assertPrefixEquals(source, qemuRaw(image, dir.resolve("roundtrip.raw")));
        assertTrue(Files.size(source) == SIZE);
    }

    @Test
    void chainDeeperThanTheLimitIsRefused() throws IOException {
        Path previous = dir.resolve("deep-0.qcow2");
        run(dir, "qemu-img", "create", "-f", "qcow2", previous.toString(), "1M");
        for (int i = 1; i <= 33; i++) {
            Path next = dir.resolve("deep-" + i + ".qcow2");
            run(dir, "qemu-img", "create", "-f", "qcow2", "-u", "-b", previous.getFileName().toString(), "-F", "qcow2",
                    next.toString(), "1M");
            previous = next;
        }
        Path top = previous;
        DiskFormatException e = assertThrows(DiskFormatException.class, () -> images.open(top));
        assertTrue(e.getMessage().contains("deeper than 32"), e.getMessage());
        assertTrue(OpenFiles.under(dir).isEmpty(), "a refused chain leaves no file open");
        // 32 images are fine
        try (BlockDevice device = images.open(dir.resolve("deep-31.qcow2"))) {
            assertEquals(1 << 20, device.size());
        }
    }

    @Test
    void concurrentReadsSeeTheSameBytes() throws Exception {
        Path image = dir.resolve("concurrent.qcow2");
        run(dir, "qemu-img", "convert", "-f", "raw", "-O", "qcow2", "-c", "-o", "cluster_size=4096", source.toString(),
                image.toString());
        try (BlockDevice device = images.open(image)) {
            java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
            try {
                List<java.util.concurrent.Future<?>> results = new java.util.ArrayList<>();
                for (int t = 0; t < 4; t++) {
                    long seed = t;
                    results.add(pool.submit(() -> {
                        assertSameBytes(source, device, seed, 300);
                        return null;
                    }));
                }
                for (java.util.concurrent.Future<?> result : results) {
                    result.get(120, java.util.concurrent.TimeUnit.SECONDS);
                }
            } finally {
                pool.shutdownNow();
            }
        }
    }
}
