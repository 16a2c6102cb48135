package org.deskplane.vmdiff.remote.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Optional;

import org.deskplane.vmdiff.api.ClusterEntry;
import org.deskplane.vmdiff.api.DifferenceSource;
import org.deskplane.vmdiff.api.Generation;

/**
 * A push session as a copy the server can pull from: the announced generation, its clusters and memory blocks
 * from the uploads, and what was not uploaded (because the server said it already has it) from the server's own
 * newest generation of the VM. The server's {@code accept} runs its usual delta pull on it, which checks every
 * hash once more before publishing.
 */
final class SessionSource implements DifferenceSource {
    private final PushSession session;
    private final DifferenceSource server;

    SessionSource(PushSession session, DifferenceSource server) {
        this.session = session;
        this.server = server;
    }

    @Override
    public String location() {
        return session.lease.holder() + " (push over HTTP)";
    }

    @Override
    public Optional<Generation> head(String vm) {
        return vm.equals(session.generation.vm()) ? Optional.of(session.generation) : Optional.empty();
    }

    @Override
    public Optional<Generation> generation(String vm, long number) {
        if (!vm.equals(session.generation.vm())) {
            return Optional.empty();
        }
        if (number == session.generation.number()) {
            return Optional.of(session.generation);
        }
        return session.ancestor.filter(a -> a.number() == number);
    }

    @Override
    public List<ClusterEntry> clusters(String vm, long number) throws IOException {
        requireAnnounced(vm, number);
        return session.clusters;
    }

    @Override
    public void readCluster(String vm, long number, long guestIndex, ByteBuffer dst) throws IOException {
        requireAnnounced(vm, number);
        ClusterEntry entry = ReadRoutes.find(session.clusters, guestIndex);
        if (entry == null || entry.zero()) {
            throw new IOException("the push holds no data in cluster " + guestIndex);
        }
        String hash = WireFormat.HEX.formatHex(entry.sha256());
        if (session.has(hash)) {
            readBlob(session.blob(hash), dst);
            return;
        }
        Optional<Generation> head = server.head(vm);
        if (head.isPresent() && head.get().clusterSize() == session.generation.clusterSize()) {
            for (ClusterEntry mine : server.clusters(vm, head.get().number())) {
                if (!mine.zero() && java.util.Arrays.equals(mine.sha256(), entry.sha256())) {
                    server.readCluster(vm, head.get().number(), mine.guestIndex(), dst);
                    return;
                }
            }
        }
        throw new IOException("cluster " + guestIndex + " (" + hash + ") was neither uploaded nor is it on the server");
    }

    @Override
    public String domainXml(String vm, long number) throws IOException {
        requireAnnounced(vm, number);
        return session.domainXml;
    }

    @Override
    public List<byte[]> memoryBlocks(String vm, long number) throws IOException {
        requireAnnounced(vm, number);
        return session.memoryBlocks;
    }

    @Override
    public void readMemoryBlock(String vm, long number, int block, ByteBuffer dst) throws IOException {
        requireAnnounced(vm, number);
        if (block < 0 || block >= session.memoryBlocks.size()) {
            throw new IOException("memory block " + block + " is beyond the pushed state");
        }
        byte[] wanted = session.memoryBlocks.get(block);
        String hash = WireFormat.HEX.formatHex(wanted);
        if (session.has(hash)) {
            readBlob(session.blob(hash), dst);
            return;
        }
        Optional<Generation> head = server.head(vm);
        if (head.isPresent() && head.get().hasMemoryState()) {
            List<byte[]> mine = server.memoryBlocks(vm, head.get().number());
            for (int i = 0; i < mine.size(); i++) {
                if (java.util.Arrays.equals(mine.get(i), wanted)) {
                    server.readMemoryBlock(vm, head.get().number(), i, dst);
                    return;
                }
            }
        }
        throw new IOException("memory block " + block + " (" + hash + ") was neither uploaded nor is it on the server");
    }

    private void requireAnnounced(String vm, long number) throws IOException {
        if (!vm.equals(session.generation.vm()) || number != session.generation.number()) {
            throw new IOException("the push carries generation " + session.generation.number() + " of "
                    + session.generation.vm() + ", not " + number + " of " + vm);
        }
    }

    private static void readBlob(Path blob, ByteBuffer dst) throws IOException {
        try (FileChannel channel = FileChannel.open(blob, StandardOpenOption.READ)) {
            if (channel.size() > dst.remaining()) {
                throw new IOException(blob.getFileName() + " is larger than the space read into");
            }
            while (dst.hasRemaining() && channel.read(dst) >= 0) {
                // fill dst from the blob
            }
        }
    }
}
