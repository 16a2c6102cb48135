package org.deskplane.vmdiff.store.tests;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import org.deskplane.vmdiff.api.Generation;
import org.deskplane.vmdiff.qcow2.Qcow2Writer;
import org.deskplane.vmdiff.store.DeltaPull;
import org.deskplane.vmdiff.store.DifferenceCopy;
import org.deskplane.vmdiff.testing.Images;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Not a test (not named *Test; run by tests/benchmarks/vmdiff-benchmark/run): how fast a host captures a VM's
 * difference, how fast a first pull copies it to the server, and what a pull costs after the guest changed 1% of
 * its clusters and of its memory. Sizes with -Dbench.overlayMiB (default 256) and -Dbench.memoryMiB (default 256).
 */
class DeltaSyncBenchmark {
    private static final int CLUSTER = 65536;

    @TempDir
    Path dir;

    @Test
    void measure() throws Exception {
        int overlayMiB = Integer.getInteger("bench.overlayMiB", 256);
        int memoryMiB = Integer.getInteger("bench.memoryMiB", 256);
        Path base = Images.base(dir, 64, 1);
        DifferenceCopy host = new DifferenceCopy(dir.resolve("host"), "host");
        DifferenceCopy server = new DifferenceCopy(dir.resolve("server"), "server");
        String sha = host.installBase(base, "raw", null);
        server.installBase(base, "raw", sha);
        long virtual = 4L << 30;
        int clusters = overlayMiB * 16;
        Random random = new Random(3);
        Path overlay = dir.resolve("run.qcow2");
        writeOverlay(host.basePath(sha, "raw"), overlay, virtual, clusters, random, -1);
        Path memory = Images.memory(dir.resolve("mem"), memoryMiB, 4);
        DifferenceCopy.Capture info = new DifferenceCopy.Capture(sha, "raw", "bench-uuid", "<domain/>");

        long t0 = System.nanoTime();
        Generation first = host.capture("bench", overlay, memory, info);
        long t1 = System.nanoTime();
        DeltaPull.Result full = DeltaPull.pull(host, server, "bench", DeltaPull.Progress.NONE);
        long t2 = System.nanoTime();
        report("capture (hash + rewrite the overlay, hash the memory)", overlayMiB + memoryMiB, t1 - t0);
        report("first pull to the server (all clusters and blocks cross, each checked)", full.bytesTransferred() >> 20, t2 - t1);

        // the VM ran on: 1% of its clusters and of its memory blocks changed
        Path next = dir.resolve("run2.qcow2");
        writeOverlay(host.basePath(sha, "raw"), next, virtual, clusters, new Random(3), 100);
        Path memory2 = dir.resolve("mem2");
        Files.copy(memory, memory2);
        try (var channel = java.nio.channels.FileChannel.open(memory2, java.nio.file.StandardOpenOption.WRITE)) {
            for (int block = 0; block < memoryMiB; block += 100) {
                channel.write(ByteBuffer.wrap(new byte[] { 7, 7, 7 }), ((long) block << 20) + 11);
            }
        }
        host.capture("bench", next, memory2, info);
        long t3 = System.nanoTime();
        DeltaPull.Result delta = DeltaPull.pull(host, server, "bench", DeltaPull.Progress.NONE);
        long t4 = System.nanoTime();
        System.out.printf("vmdiff-benchmark: delta pull after 1%% changed: %d clusters + %d memory blocks crossed (%d MiB of %d MiB), %d ms%n",
                delta.clustersTransferred(), delta.memoryBlocksTransferred(), delta.bytesTransferred() >> 20,
                overlayMiB + memoryMiB, (t4 - t3) / 1_000_000);
        long t5 = System.nanoTime();
        server.verify("bench", 2);
        report("verify a generation (re-read and hash everything)", overlayMiB + memoryMiB, System.nanoTime() - t5);
        System.out.println("vmdiff-benchmark: generation 1 " + first.clusters() + " clusters; machine: "
                + Runtime.getRuntime().availableProcessors() + " cores");
    }

    /** An overlay of random clusters; with {@code changeEvery} > 0 every n-th cluster differs from the first run's. */
    private static void writeOverlay(Path base, Path overlay, long virtual, int clusters, Random random, int changeEvery)
            throws Exception {
        Files.deleteIfExists(overlay);
        ByteBuffer cluster = ByteBuffer.allocate(CLUSTER);
        try (Qcow2Writer writer = Qcow2Writer.create(overlay, virtual, CLUSTER, base.toString(), "raw")) {
            for (int i = 0; i < clusters; i++) {
                random.nextBytes(cluster.array());
                if (changeEvery > 0 && i % changeEvery == 0) {
                    cluster.array()[0] ^= 1;
                }
                cluster.clear();
                writer.writeCluster(i * 2L, cluster);
            }
            writer.finish();
        }
    }

    private static void report(String what, long mib, long nanos) {
        System.out.printf("vmdiff-benchmark: %s: %d MiB in %d ms = %.0f MiB/s%n", what, mib, nanos / 1_000_000,
                mib / (nanos / 1e9));
    }
}
