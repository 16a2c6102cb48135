package org.deskplane.vmdiff.store.tests;

import org.deskplane.vmdiff.testing.Images;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.deskplane.vmdiff.api.ClusterEntry;
import org.deskplane.vmdiff.api.CopyRelation;
import org.deskplane.vmdiff.api.DifferenceException;
import org.deskplane.vmdiff.api.DifferenceSource;
import org.deskplane.vmdiff.api.Generation;
import org.deskplane.vmdiff.store.DeltaPull;
import org.deskplane.vmdiff.store.DifferenceCopy;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A VM's difference captured on a host, pulled to the server and back: only changed clusters and memory blocks cross
 * (measured in bytes), the copies read the same as qemu sees them, corrupted bytes are caught before anything is
 * published, and copies that went different ways are reported, never merged.
 */
class DeltaPullTest {
    private static final int CLUSTER = 65536;
    private static final int MIB = 1 << 20;

    @TempDir
    Path dir;
    private Path base;
    private String sha;
    private DifferenceCopy host;
    private DifferenceCopy server;

    @BeforeEach
    void copies() throws Exception {
        base = Images.base(dir, 16, 7);
        host = new DifferenceCopy(dir.resolve("host-a"), "host-a");
        server = new DifferenceCopy(dir.resolve("server"), "server");
        sha = host.installBase(base, "raw", null);
        server.installBase(base, "raw", sha);
    }

    private Generation capture(DifferenceCopy copy, Path overlay, Path memory) throws Exception {
        return copy.capture("alice", overlay, memory, new DifferenceCopy.Capture(sha, "raw", "0f8fad5b-d9cb-469f-a165-70867728950e",
                "<domain type='qemu'><name>alice</name></domain>"));
    }

    @Test
    void theHeadIsTheHighestNumberedCompleteGeneration() throws Exception {
        Path overlay = Images.overlay(host.basePath(sha, "raw"), dir.resolve("run.qcow2"));
        Generation last = null;
        for (int i = 0; i < 11; i++) { // past gen-9, where names no longer sort as numbers
            Images.write(overlay, "write -P " + (0x20 + i) + " " + i + "M 64k");
            last = capture(host, overlay, null);
        }
        assertEquals(11, last.number());
        assertEquals(last, host.head("alice").orElseThrow());
        Path vm = dir.resolve("host-a/vms/alice");
        Files.createDirectories(vm.resolve("gen-12")); // an interrupted publish leaves no record
        Files.createDirectories(vm.resolve("gen-99x"));
        assertEquals(last, host.head("alice").orElseThrow(), "a folder without a record is not a generation");
        assertEquals(last, host.generations("alice").get(host.generations("alice").size() - 1));
        assertEquals(Optional.empty(), host.head("bob"));
    }

    @Test
    void onlyChangedClustersAndMemoryBlocksCross() throws Exception {
        Path overlay = Images.overlay(host.basePath(sha, "raw"), dir.resolve("run.qcow2"));
        Images.write(overlay, "write -P 0xab 0 256k", "write -P 0x11 4M 64k", "write -z 8M 128k");
        Path memory = Images.memory(dir.resolve("mem1"), 3, 1);
        Generation first = capture(host, overlay, memory);
        assertEquals(1, first.number());
        assertEquals(4 + 1 + 2, first.clusters(), "4 + 1 data clusters and 2 zero clusters");

        DeltaPull.Result initial = DeltaPull.pull(host, server, "alice", DeltaPull.Progress.NONE);
        assertEquals(CopyRelation.MISSING, initial.before());
        assertEquals(5L * CLUSTER + 3L * MIB, initial.bytesTransferred(), "a first pull carries every data cluster and the whole memory");
        assertEquals(first.contentHash(), server.head("alice").orElseThrow().contentHash());
        assertTrue(Images.compare(host.disk("alice", 1), server.disk("alice", 1)).contains("identical"));
        assertTrue(Images.check(server.disk("alice", 1)).contains("No errors"));
        server.verify("alice", 1);

        // the VM runs on from generation 1 and changes one cluster and one memory block
        Path next = dir.resolve("run2.qcow2");
        Files.copy(host.disk("alice", 1), next);
        Images.write(next, "write -P 0xcd 4M 64k");
        Path memory2 = dir.resolve("mem2");
        Files.copy(memory, memory2);
        try (FileChannel channel = FileChannel.open(memory2, StandardOpenOption.WRITE)) {
            channel.write(ByteBuffer.wrap(new byte[] { 1, 2, 3 }), MIB + 5);
        }
        Generation second = capture(host, next, memory2);
        assertEquals(first.contentHash(), second.parentHash());
        assertEquals(CopyRelation.BEHIND, DeltaPull.relation(server, host, "alice"));

        DeltaPull.Result delta = DeltaPull.pull(host, server, "alice", DeltaPull.Progress.NONE);
        assertEquals(CopyRelation.BEHIND, delta.before());
        assertEquals(1, delta.clustersTransferred());
        assertEquals(4, delta.clustersReused());
        assertEquals(1, delta.memoryBlocksTransferred());
        assertEquals(2, delta.memoryBlocksReused());
        assertEquals(CLUSTER + MIB, delta.bytesTransferred(), "only the changed cluster and memory block crossed");
        assertTrue(Images.compare(host.disk("alice", 2), server.disk("alice", 2)).contains("identical"));
        assertTrue(Images.compare(next, server.disk("alice", 2)).contains("identical"), "the server's copy reads as the VM's disk did");
        assertEquals(-1, Files.mismatch(memory2, server.memory("alice", 2).orElseThrow()));
        server.verify("alice", 2);

        DeltaPull.Result again = DeltaPull.pull(host, server, "alice", DeltaPull.Progress.NONE);
        assertEquals(CopyRelation.SAME, again.before());
        assertEquals(0, again.bytesTransferred());
    }

    @Test
    void aCorruptedTransferIsCaughtAndNothingIsPublished() throws Exception {
        Path overlay = Images.overlay(host.basePath(sha, "raw"), dir.resolve("run.qcow2"));
        Images.write(overlay, "write -P 0x42 1M 512k");
        capture(host, overlay, Images.memory(dir.resolve("mem"), 2, 3));
        DifferenceSource flipping = new Corrupting(host, true);
        DifferenceException e = assertThrows(DifferenceException.class,
                () -> DeltaPull.pull(flipping, server, "alice", DeltaPull.Progress.NONE));
        assertEquals(DifferenceException.Kind.CORRUPT, e.kind(), e.getMessage());
        assertTrue(e.getMessage().contains("does not match its SHA-256"), e.getMessage());
        assertEquals(Optional.empty(), server.head("alice"), "nothing published from corrupt bytes");
        assertFalse(hasStaging(server), "the staged generation was removed");

        DifferenceException memory = assertThrows(DifferenceException.class,
                () -> DeltaPull.pull(new Corrupting(host, false), server, "alice", DeltaPull.Progress.NONE));
        assertEquals(DifferenceException.Kind.CORRUPT, memory.kind(), memory.getMessage());
        assertTrue(memory.getMessage().contains("memory block"), memory.getMessage());
        assertEquals(Optional.empty(), server.head("alice"));

        assertEquals(1, DeltaPull.pull(host, server, "alice", DeltaPull.Progress.NONE).generation().number(),
                "the honest source still works");
    }

    @Test
    void aDamagedOrOversizedIndexIsRefusedBeforeItIsParsed() throws Exception {
        Path overlay = Images.overlay(host.basePath(sha, "raw"), dir.resolve("run.qcow2"));
        Images.write(overlay, "write -P 0x42 1M 64k");
        capture(host, overlay, Images.memory(dir.resolve("mem"), 1, 3));
        Path gen = dir.resolve("host-a/vms/alice/gen-1");
        byte[] clusters = Files.readAllBytes(gen.resolve("clusters.idx"));
        byte[] memory = Files.readAllBytes(gen.resolve("memory.idx"));
        assertEquals(host.clusters("alice", 1).size(), 1);

        clusters[clusters.length - 1] ^= 1;
        Files.write(gen.resolve("clusters.idx"), clusters);
        IOException damaged = assertThrows(IOException.class, () -> host.clusters("alice", 1));
        assertTrue(damaged.getMessage().contains("does not match its hash"), damaged.getMessage());

        // far bigger than any index of a 16 MiB disk can be: refused by its size, never read into memory
        try (FileChannel planted = FileChannel.open(gen.resolve("clusters.idx"), StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            planted.write(ByteBuffer.wrap(new byte[1]), 1L << 40);
        }
        IOException oversized = assertThrows(IOException.class, () -> host.clusters("alice", 1));
        assertTrue(oversized.getMessage().contains("at most"), oversized.getMessage());

        memory[20] ^= 1;
        Files.write(gen.resolve("memory.idx"), memory);
        IOException memoryDamaged = assertThrows(IOException.class, () -> host.memoryBlocks("alice", 1));
        assertTrue(memoryDamaged.getMessage().contains("does not match its hash"), memoryDamaged.getMessage());
    }

    @Test
    void aCorruptedCopyFailsVerification() throws Exception {
        Path overlay = Images.overlay(host.basePath(sha, "raw"), dir.resolve("run.qcow2"));
        Images.write(overlay, "write -P 0x42 1M 64k");
        capture(host, overlay, Images.memory(dir.resolve("mem"), 1, 3));
        host.verify("alice", 1);
        Path disk = host.disk("alice", 1);
        byte[] bytes = Files.readAllBytes(disk);
        int at = indexOfRun(bytes, (byte) 0x42, CLUSTER); // the data cluster the guest wrote
        assertTrue(at >= 0, "the overlay holds the written cluster");
        try (FileChannel channel = FileChannel.open(disk, StandardOpenOption.WRITE)) {
            channel.write(ByteBuffer.wrap(new byte[] { 0x55 }), at + 1000);
        }
        DifferenceException e = assertThrows(DifferenceException.class, () -> host.verify("alice", 1));
        assertEquals(DifferenceException.Kind.CORRUPT, e.kind());
    }

    @Test
    void divergedCopiesAreReportedNotMerged() throws Exception {
        Path overlay = Images.overlay(host.basePath(sha, "raw"), dir.resolve("run.qcow2"));
        Images.write(overlay, "write -P 0x01 0 64k");
        capture(host, overlay, Images.memory(dir.resolve("mem"), 1, 1));
        DeltaPull.pull(host, server, "alice", DeltaPull.Progress.NONE);
        DifferenceCopy other = new DifferenceCopy(dir.resolve("host-b"), "host-b");
        other.installBase(base, "raw", sha);
        DeltaPull.pull(server, other, "alice", DeltaPull.Progress.NONE);

        // both hosts run generation 1 on and suspend it: two different generation 2s
        for (DifferenceCopy copy : List.of(host, other)) {
            Path run = dir.resolve("diverge-" + copy.location() + ".qcow2");
            Files.copy(copy.disk("alice", 1), run);
            Images.write(run, "write -P 0x" + (copy == host ? "aa" : "bb") + " 2M 64k");
            capture(copy, run, Images.memory(dir.resolve("m-" + copy.location()), 1, copy == host ? 5 : 6));
        }
        DeltaPull.pull(host, server, "alice", DeltaPull.Progress.NONE);
        assertEquals(CopyRelation.DIVERGED, DeltaPull.relation(other, server, "alice"));
        Generation before = server.head("alice").orElseThrow();
        DifferenceException e = assertThrows(DifferenceException.class,
                () -> DeltaPull.pull(other, server, "alice", DeltaPull.Progress.NONE));
        assertEquals(DifferenceException.Kind.DIVERGED, e.kind());
        assertTrue(e.getMessage().contains("host-b") && e.getMessage().contains("server"), e.getMessage());
        assertEquals(before, server.head("alice").orElseThrow(), "the server's copy is untouched");
        assertEquals(DifferenceException.Kind.DIVERGED,
                assertThrows(DifferenceException.class, () -> DeltaPull.pull(server, other, "alice", DeltaPull.Progress.NONE)).kind());
    }

    @Test
    void aBaseThatIsNotTheOneIsRefused() throws Exception {
        Path installed = host.requireBase(sha, "raw");
        try (FileChannel channel = FileChannel.open(installed, StandardOpenOption.WRITE)) {
            channel.write(ByteBuffer.wrap(new byte[] { 9 }), 12345);
        }
        Files.setLastModifiedTime(installed, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + 5000));
        DifferenceException e = assertThrows(DifferenceException.class, () -> host.requireBase(sha, "raw"));
        assertEquals(DifferenceException.Kind.BASE_MISMATCH, e.kind(), e.getMessage());
        assertEquals(DifferenceException.Kind.BASE_MISMATCH,
                assertThrows(DifferenceException.class, () -> server.installBase(dir.resolve("base-7.raw"), "raw", "00" + sha.substring(2))).kind());
    }

    private static int indexOfRun(byte[] bytes, byte value, int length) {
        for (int i = 0; i + length <= bytes.length; i += 512) {
            int j = 0;
            while (j < length && bytes[i + j] == value) {
                j++;
            }
            if (j == length) {
                return i;
            }
        }
        return -1;
    }

    private static boolean hasStaging(DifferenceCopy copy) throws IOException {
        try (Stream<Path> files = Files.walk(copy.root())) {
            return files.anyMatch(p -> p.getFileName().toString().startsWith(".staging-"));
        }
    }

    /** A source whose bytes are damaged on the way: one bit of the first cluster, or of the first memory block. */
    private record Corrupting(DifferenceSource source, boolean clusters) implements DifferenceSource {
        @Override
        public String location() {
            return "flaky-" + source.location();
        }

        @Override
        public Optional<Generation> head(String vm) throws IOException {
            return source.head(vm);
        }

        @Override
        public Optional<Generation> generation(String vm, long number) throws IOException {
            return source.generation(vm, number);
        }

        @Override
        public List<ClusterEntry> clusters(String vm, long number) throws IOException {
            return source.clusters(vm, number);
        }

        @Override
        public void readCluster(String vm, long number, long guestIndex, ByteBuffer dst) throws IOException {
            int at = dst.position();
            source.readCluster(vm, number, guestIndex, dst);
            if (clusters) {
                dst.put(at + 100, (byte) (dst.get(at + 100) ^ 1));
            }
        }

        @Override
        public String domainXml(String vm, long number) throws IOException {
            return source.domainXml(vm, number);
        }

        @Override
        public List<byte[]> memoryBlocks(String vm, long number) throws IOException {
            return source.memoryBlocks(vm, number);
        }

        @Override
        public void readMemoryBlock(String vm, long number, int block, ByteBuffer dst) throws IOException {
            int at = dst.position();
            source.readMemoryBlock(vm, number, block, dst);
            if (!clusters) {
                dst.put(at + 7, (byte) (dst.get(at + 7) ^ 1));
            }
        }
    }
}
