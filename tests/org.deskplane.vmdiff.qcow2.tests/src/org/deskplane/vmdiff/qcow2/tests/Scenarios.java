package org.deskplane.vmdiff.qcow2.tests;

import static org.deskplane.vmdiff.qcow2.tests.Qemu.io;
import static org.deskplane.vmdiff.qcow2.tests.Qemu.overlay;
import static org.deskplane.vmdiff.qcow2.tests.Qemu.rawBase;
import static org.deskplane.vmdiff.qcow2.tests.Qemu.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

/** Overlays made by qemu the way a user VM's disk changes: data writes, zero writes, discards, compression. */
final class Scenarios {

    private static final long MIB = 1 << 20;

    interface Builder {
        /** Builds the images in {@code dir} and returns the overlay (top layer) to read. */
        Path build(Path dir) throws IOException;
    }

    record Scenario(String name, int clusterSize, Builder builder) {
    }

    private Scenarios() {
    }

    static List<Scenario> all() {
        return List.of(
                new Scenario("raw base, 64k clusters: writes, zero writes, discard, compressed write", 65536,
                        Scenarios::rawBase64k),
                new Scenario("qcow2 base, 4k clusters across several L2 tables", 4096, Scenarios::qcow2Base4k),
                new Scenario("raw base, 2M clusters", 2 * 1024 * 1024, Scenarios::rawBase2m),
                new Scenario("raw base, 512-byte clusters (cluster_bits 9)", 512, Scenarios::rawBase512),
                new Scenario("v2 overlay (compat=0.10)", 65536, Scenarios::v2Overlay),
                new Scenario("compressed overlay from qemu-img convert -c -B", 65536, Scenarios::compressedOverlay),
                new Scenario("compressed base without backing file", 65536, Scenarios::compressedBase),
                new Scenario("virtual size not a multiple of the cluster size", 65536, Scenarios::oddSize));
    }

    private static Path rawBase64k(Path dir) {
        Path base = rawBase(dir, "base.raw", 16 * MIB);
        Path top = overlay(base, "raw", "top.qcow2", "");
        io(top, "write -P 0xab 1M 256k", // whole clusters
                "write -P 0xac 2M 4k", // a partial write: qemu copies the rest of the cluster from the base
                "write -z 3M 128k", // zero flag, never allocated
                "write -P 0xad 4M 64k", "write -z 4M 64k", // allocated, then zero: "preallocated zero"
                "discard 5M 128k", // discard in an overlay: reads as zeros, hides the base
                "write -c -P 0xae 6M 64k", // a compressed cluster
                "write -P 0xaf 15M 1M");
        return top;
    }

    private static Path qcow2Base4k(Path dir) {
        Path raw = rawBase(dir, "base.raw", 8 * MIB);
        run(dir, "qemu-img", "convert", "-q", "-f", "raw", "-O", "qcow2", raw.getFileName().toString(), "base.qcow2");
        Path top = overlay(dir.resolve("base.qcow2"), "qcow2", "top.qcow2", "cluster_size=4096");
        // one L2 table of 4k clusters covers 2 MiB: these land in all four
        io(top, "write -P 0xab 1M 256k", "write -P 0xb1 2044k 8k", "write -z 3M 64k", "discard 5M 16k",
                "write -c -P 0xb2 6M 4k", "write -P 0xb3 8188k 4k");
        return top;
    }

    private static Path rawBase2m(Path dir) {
        Path base = rawBase(dir, "base.raw", 64 * MIB);
        Path top = overlay(base, "raw", "top.qcow2", "cluster_size=2M");
        io(top, "write -P 0xab 1M 256k", "write -z 8M 2M", "discard 16M 4M", "write -c -P 0xac 32M 2M",
                "write -P 0xad 62M 2M");
        return top;
    }

    private static Path rawBase512(Path dir) {
        Path base = rawBase(dir, "base.raw", 4 * MIB);
        Path top = overlay(base, "raw", "top.qcow2", "cluster_size=512");
        // one L2 table of 512-byte clusters covers only 32 KiB
        io(top, "write -P 0xab 1M 256k", "write -P 0xac 100k 1k", "write -z 2M 64k", "discard 3M 4k",
                "write -c -P 0xad 3584k 512", "write -P 0xae 4095k 1k");
        return top;
    }

    private static Path v2Overlay(Path dir) {
        Path base = rawBase(dir, "base.raw", 16 * MIB);
        Path top = overlay(base, "raw", "top.qcow2", "compat=0.10");
        io(top, "write -P 0xab 1M 256k", "write -P 0xac 2M 4k", "write -c -P 0xad 6M 64k", "write -P 0xae 15M 1M",
                "discard 1M 64k");
        return top;
    }

    private static Path compressedOverlay(Path dir) {
        Path base = rawBase(dir, "base.raw", 16 * MIB);
        Path plain = overlay(base, "raw", "plain.qcow2", "");
        io(plain, "write -P 0xab 1M 256k", "write -P 0xac 3M 64k", "write -z 5M 64k", "write -P 0xad 9M 1M");
        run(dir, "qemu-img", "convert", "-q", "-c", "-f", "qcow2", "-O", "qcow2", "-B", "base.raw", "-F", "raw",
                "plain.qcow2", "top.qcow2");
        return dir.resolve("top.qcow2");
    }

    private static Path compressedBase(Path dir) throws IOException {
        Path raw = dir.resolve("random.raw");
        byte[] bytes = new byte[8 * (int) MIB];
        Random random = new Random(9);
        // runs of random bytes, text-like runs that compress well, and holes
        for (int at = 0; at < bytes.length; at += 65536) {
            switch (random.nextInt(3)) {
                case 0 -> {
                    byte[] run = new byte[65536];
                    random.nextBytes(run);
                    System.arraycopy(run, 0, bytes, at, run.length);
                }
                case 1 -> java.util.Arrays.fill(bytes, at, at + 65536, (byte) ('a' + random.nextInt(26)));
                default -> {
                }
            }
        }
        Files.write(raw, bytes);
        run(dir, "qemu-img", "convert", "-q", "-c", "-f", "raw", "-O", "qcow2", "random.raw", "top.qcow2");
        return dir.resolve("top.qcow2");
    }

    private static Path oddSize(Path dir) {
        long size = 8 * MIB + 3 * 512;
        Path base = rawBase(dir, "base.raw", size);
        Path top = overlay(base, "raw", "top.qcow2", "");
        io(top, "write -P 0xab 0 64k", "write -P 0xac " + (8 * MIB) + " 1536");
        return top;
    }
}
