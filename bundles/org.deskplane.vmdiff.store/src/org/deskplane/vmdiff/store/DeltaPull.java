package org.deskplane.vmdiff.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.deskplane.vmdiff.api.ClusterEntry;
import org.deskplane.vmdiff.api.CopyRelation;
import org.deskplane.vmdiff.api.DifferenceException;
import org.deskplane.vmdiff.api.DifferenceException.Kind;
import org.deskplane.vmdiff.api.DifferenceSource;
import org.deskplane.vmdiff.api.Generation;
import org.deskplane.vmdiff.qcow2.Qcow2Writer;
import org.deskplane.vmdiff.store.internal.ClusterIndex;
import org.deskplane.vmdiff.store.internal.Hashes;
import org.deskplane.vmdiff.store.internal.MemoryIndex;

/**
 * Brings one copy of a VM's difference up to another copy's newest generation. Only what the target lacks crosses:
 * a cluster or memory block whose SHA-256 the target's own newest generation already has is read locally. Every
 * byte that crosses is checked against its hash before anything is published; a copy that went another way is
 * reported as {@link CopyRelation#DIVERGED}, never merged.
 */
public final class DeltaPull {

    /** What a pull did: the generation now at the target, and what it cost. */
    public record Result(Generation generation, CopyRelation before, long bytesTransferred, long clustersTransferred,
            long clustersReused, long memoryBlocksTransferred, long memoryBlocksReused) {
    }

    /** Progress of a pull, in units of clusters and memory blocks. */
    public interface Progress {
        void worked(long done, long total);

        Progress NONE = (done, total) -> {
        };
    }

    private DeltaPull() {
    }

    /** How {@code copy} stands to {@code other} for this VM. */
    public static CopyRelation relation(DifferenceSource copy, DifferenceSource other, String vm) throws IOException {
        Optional<Generation> mine = copy.head(vm);
        Optional<Generation> theirs = other.head(vm);
        if (mine.isEmpty()) {
            return theirs.isEmpty() ? CopyRelation.SAME : CopyRelation.MISSING;
        }
        if (theirs.isEmpty()) {
            return CopyRelation.AHEAD;
        }
        Generation a = mine.get();
        Generation b = theirs.get();
        if (a.number() == b.number()) {
            return a.contentHash().equals(b.contentHash()) ? CopyRelation.SAME : CopyRelation.DIVERGED;
        }
        if (a.number() < b.number()) {
            Optional<Generation> same = other.generation(vm, a.number());
            return same.isPresent() && same.get().contentHash().equals(a.contentHash()) ? CopyRelation.BEHIND
                    : CopyRelation.DIVERGED;
        }
        Optional<Generation> same = copy.generation(vm, b.number());
        return same.isPresent() && same.get().contentHash().equals(b.contentHash()) ? CopyRelation.AHEAD
                : CopyRelation.DIVERGED;
    }

    /**
     * Pulls {@code from}'s newest generation of the VM into {@code into}. Nothing happens when both are the same;
     * a target that is ahead or diverged is refused ({@link Kind#INVALID}, {@link Kind#DIVERGED}); bytes that do not
     * match their hash fail with {@link Kind#CORRUPT} and leave the target as it was.
     */
    public static Result pull(DifferenceSource from, DifferenceCopy into, String vm, Progress progress)
            throws IOException, DifferenceException {
        Generation wanted = from.head(vm).orElseThrow(
                () -> new DifferenceException(Kind.NOT_FOUND, from.location() + " holds no generation of " + vm));
        CopyRelation before = relation(into, from, vm);
        switch (before) {
        case SAME:
            return new Result(wanted, before, 0, 0, 0, 0, 0);
        case AHEAD:
            throw new DifferenceException(Kind.INVALID, into.location() + " is ahead of " + from.location() + " for " + vm
                    + ": pull the other way");
        case DIVERGED:
            throw new DifferenceException(Kind.DIVERGED, diverged(into, from, vm));
        default:
            break;
        }
        java.nio.file.Path base = into.requireBase(wanted.baseSha256(), wanted.baseFormat());
        Optional<Generation> local = into.head(vm);
        Counter counter = new Counter();
        List<ClusterEntry> clusters = checkedClusters(from, wanted);
        List<byte[]> blocks = checkedBlocks(from, wanted);
        long total = clusters.size() + blocks.size();
        try (Staging staging = into.stage(vm, wanted.number())) {
            writeOverlay(from, into, local, wanted, clusters, staging, base, counter, progress, total);
            writeMemory(from, into, local, wanted, blocks, staging, counter, progress, total);
            byte[] domain = from.domainXml(vm, wanted.number()).getBytes(java.nio.charset.StandardCharsets.UTF_8);
            if (!Hashes.hex(Hashes.of(domain)).equals(wanted.domainHash())) {
                throw new DifferenceException(Kind.CORRUPT, "the domain XML of " + vm + " #" + wanted.number() + " from "
                        + from.location() + " does not match the generation");
            }
            java.nio.file.Files.write(staging.folder().resolve(DifferenceCopy.DOMAIN), domain);
            java.nio.file.Files.write(staging.folder().resolve("clusters.idx"), ClusterIndex.encode(clusters));
            if (wanted.hasMemoryState()) {
                java.nio.file.Files.write(staging.folder().resolve("memory.idx"), MemoryIndex.encode(wanted.memorySize(), blocks));
            }
            into.publish(staging, wanted);
        }
        return new Result(wanted, before, counter.bytes, counter.clusters, counter.clustersReused, counter.blocks,
                counter.blocksReused);
    }

    private static String diverged(DifferenceSource a, DifferenceSource b, String vm) throws IOException {
        return "the copies of " + vm + " on " + a.location() + " (" + describe(a.head(vm)) + ") and on " + b.location()
                + " (" + describe(b.head(vm)) + ") went different ways; choose one and discard the other";
    }

    private static String describe(Optional<Generation> g) {
        return g.map(x -> "#" + x.number() + " by " + x.publishedBy() + ", " + x.contentHash().substring(0, 12)).orElse("none");
    }

    private static List<ClusterEntry> checkedClusters(DifferenceSource from, Generation wanted)
            throws IOException, DifferenceException {
        List<ClusterEntry> clusters = from.clusters(wanted.vm(), wanted.number());
        if (!Hashes.hex(Hashes.of(ClusterIndex.encode(clusters))).equals(wanted.clustersHash()) || clusters.size() != wanted.clusters()) {
            throw new DifferenceException(Kind.CORRUPT, "the cluster index of " + wanted.vm() + " #" + wanted.number()
                    + " from " + from.location() + " does not match the generation");
        }
        return clusters;
    }

    private static List<byte[]> checkedBlocks(DifferenceSource from, Generation wanted) throws IOException, DifferenceException {
        List<byte[]> blocks = from.memoryBlocks(wanted.vm(), wanted.number());
        if (wanted.hasMemoryState()
                && !Hashes.hex(Hashes.of(MemoryIndex.encode(wanted.memorySize(), blocks))).equals(wanted.memoryHash())) {
            throw new DifferenceException(Kind.CORRUPT, "the memory index of " + wanted.vm() + " #" + wanted.number()
                    + " from " + from.location() + " does not match the generation");
        }
        return blocks;
    }

    private static void writeOverlay(DifferenceSource from, DifferenceCopy into, Optional<Generation> local,
            Generation wanted, List<ClusterEntry> clusters, Staging staging, java.nio.file.Path base, Counter counter,
            Progress progress, long total) throws IOException, DifferenceException {
        Map<Key, Long> reusable = new HashMap<>();
        if (local.isPresent() && local.get().clusterSize() == wanted.clusterSize()
                && java.nio.file.Files.exists(into.disk(wanted.vm(), local.get().number()))) {
            for (ClusterEntry entry : into.clusters(wanted.vm(), local.get().number())) {
                if (!entry.zero()) {
                    reusable.putIfAbsent(new Key(entry.sha256()), entry.guestIndex());
                }
            }
        }
        ByteBuffer cluster = ByteBuffer.allocate(wanted.clusterSize());
        try (Qcow2Writer writer = Qcow2Writer.create(staging.disk(), wanted.virtualSize(), wanted.clusterSize(),
                base.toString(), wanted.baseFormat())) {
            for (ClusterEntry entry : clusters) {
                if (entry.zero()) {
                    writer.zeroCluster(entry.guestIndex());
                } else {
                    Long here = reusable.get(new Key(entry.sha256()));
                    boolean reused = false;
                    if (here != null) {
                        cluster.clear();
                        into.readCluster(wanted.vm(), local.get().number(), here, cluster);
                        cluster.flip();
                        reused = Arrays.equals(entry.sha256(), Hashes.of(cluster)); // a damaged local cluster is fetched
                    }
                    if (reused) {
                        counter.clustersReused++;
                    } else {
                        cluster.clear();
                        from.readCluster(wanted.vm(), wanted.number(), entry.guestIndex(), cluster);
                        cluster.flip();
                        counter.bytes += cluster.remaining();
                        counter.clusters++;
                        if (!Arrays.equals(entry.sha256(), Hashes.of(cluster))) {
                            throw new DifferenceException(Kind.CORRUPT, "cluster " + entry.guestIndex() + " of "
                                    + wanted.vm() + " #" + wanted.number() + " from " + from.location()
                                    + " does not match its SHA-256: the transfer is corrupt, nothing was published");
                        }
                    }
                    writer.writeCluster(entry.guestIndex(), cluster);
                }
                progress.worked(++counter.done, total);
            }
            writer.finish();
        }
    }

    private static void writeMemory(DifferenceSource from, DifferenceCopy into, Optional<Generation> local,
            Generation wanted, List<byte[]> blocks, Staging staging, Counter counter, Progress progress, long total)
            throws IOException, DifferenceException {
        if (!wanted.hasMemoryState()) {
            return;
        }
        Map<Key, Integer> reusable = new HashMap<>();
        if (local.isPresent() && local.get().hasMemoryState() && into.memory(wanted.vm(), local.get().number()).isPresent()) {
            List<byte[]> mine = into.memoryBlocks(wanted.vm(), local.get().number());
            for (int i = 0; i < mine.size(); i++) {
                reusable.putIfAbsent(new Key(mine.get(i)), i);
            }
        }
        ByteBuffer block = ByteBuffer.allocate(MemoryIndex.BLOCK);
        try (FileChannel out = FileChannel.open(staging.memory(), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            for (int i = 0; i < blocks.size(); i++) {
                int length = (int) Math.min(MemoryIndex.BLOCK, wanted.memorySize() - (long) i * MemoryIndex.BLOCK);
                Integer here = reusable.get(new Key(blocks.get(i)));
                boolean reused = false;
                if (here != null) {
                    block.clear().limit(length);
                    into.readMemoryBlock(wanted.vm(), local.get().number(), here, block);
                    block.flip();
                    reused = block.remaining() == length && Arrays.equals(blocks.get(i), Hashes.of(block));
                }
                if (reused) {
                    counter.blocksReused++;
                } else {
                    block.clear().limit(length);
                    from.readMemoryBlock(wanted.vm(), wanted.number(), i, block);
                    block.flip();
                    counter.bytes += block.remaining();
                    counter.blocks++;
                    if (block.remaining() != length || !Arrays.equals(blocks.get(i), Hashes.of(block))) {
                        throw new DifferenceException(Kind.CORRUPT, "memory block " + i + " of " + wanted.vm() + " #"
                                + wanted.number() + " from " + from.location()
                                + " does not match its SHA-256: the transfer is corrupt, nothing was published");
                    }
                }
                while (block.hasRemaining()) {
                    out.write(block);
                }
                progress.worked(++counter.done, total);
            }
        }
    }

    /** A hash as a map key. */
    private record Key(byte[] hash) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Arrays.equals(hash, k.hash);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(hash);
        }
    }

    private static final class Counter {
        long bytes;
        long clusters;
        long clustersReused;
        long blocks;
        long blocksReused;
        long done;
    }
}
