package org.deskplane.vmdiff.remote.internal;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.deskplane.vmdiff.api.ClusterEntry;
import org.deskplane.vmdiff.api.DifferenceException;
import org.deskplane.vmdiff.api.DifferenceException.Kind;
import org.deskplane.vmdiff.api.DifferenceSource;
import org.deskplane.vmdiff.api.Generation;
import org.deskplane.vmdiff.api.RunLease;

/**
 * A host's newest generation taken to the server through a push session: announce it, upload in batches only the
 * clusters and memory blocks the server says it lacks, commit. Announcing the same generation again after an
 * interruption resumes the same session, so only what did not arrive is sent again.
 */
final class Pusher {
    private final WireClient wire;
    private final RemoteSource server;
    private final long batchBytes;

    Pusher(WireClient wire, RemoteSource server, long batchBytes) {
        this.wire = wire;
        this.server = server;
        this.batchBytes = Math.max(1, batchBytes);
    }

    /** Pushes and returns the published generation with what it cost. */
    Pushed push(DifferenceSource host, RunLease lease) throws DifferenceException {
        String vm = lease.vm();
        try {
            Generation g = host.head(vm).orElseThrow(
                    () -> new DifferenceException(Kind.NOT_FOUND, host.location() + " holds no generation of " + vm + " to push"));
            List<ClusterEntry> clusters = host.clusters(vm, g.number());
            List<byte[]> memory = host.memoryBlocks(vm, g.number());
            Map<String, Object> announce = new LinkedHashMap<>();
            announce.put("lease", WireFormat.lease(lease));
            announce.put("generation", WireFormat.generation(g));
            Optional<Generation> serverHead = server.head(vm);
            if (serverHead.isPresent() && serverHead.get().number() < g.number()) {
                // the host's record at the server's number tells the server whether this is a fast-forward
                Optional<Generation> ancestor = host.generation(vm, serverHead.get().number());
                ancestor.ifPresent(a -> announce.put("ancestor", WireFormat.generation(a)));
            }
            announce.put("domainXml", host.domainXml(vm, g.number()));
            announce.put("memoryBlocks", memory.stream().map(WireFormat.HEX::formatHex).toList());
            announce.put("clusterIndex", Base64.getEncoder().encodeToString(WireFormat.clusterIndex(clusters)));
            long maxAnswer = 64 * 1024 + (clusters.size() + (long) memory.size()) * 70;
            var answer = WireClient.json(wire.postJson(WireResource.BASE + "/pushes", announce, maxAnswer));
            String id = Params.sha256(answer.path("id").asText(), "the push id the server gave");
            List<String> missingClusters = texts(answer.path("missingClusters"));
            List<String> missingMemory = texts(answer.path("missingMemoryBlocks"));

            Counter sent = new Counter();
            uploadClusters(host, g, clusters, missingClusters, id, sent);
            uploadMemory(host, g, memory, missingMemory, id, sent);
            Generation published = WireFormat.generation(WireClient.json(wire.post(WireResource.BASE + "/pushes/" + id + "/commit",
                    "application/json", new byte[0], 64 * 1024)));
            int dataClusters = (int) clusters.stream().filter(c -> !c.zero()).count();
            return new Pushed(published, new PushReport(vm, g.number(), answer.path("relation").asText(), sent.clusters,
                    sent.blocks, sent.bytes, dataClusters, memory.size()));
        } catch (WireFailure e) {
            throw e.asDifference();
        } catch (IOException e) {
            throw new DifferenceException(Kind.INVALID, "reading " + vm + " from " + host.location() + " to push it failed: "
                    + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new DifferenceException(Kind.INVALID, "the server's answer to a push of " + vm + " is malformed: " + e.getMessage(), e);
        }
    }

    record Pushed(Generation generation, PushReport report) {
    }

    private void uploadClusters(DifferenceSource host, Generation g, List<ClusterEntry> clusters, List<String> missing,
            String id, Counter sent) throws IOException {
        Map<String, Long> where = new HashMap<>();
        for (ClusterEntry e : clusters) {
            if (!e.zero()) {
                where.putIfAbsent(WireFormat.HEX.formatHex(e.sha256()), e.guestIndex());
            }
        }
        Batch batch = new Batch(id + "/clusters", sent);
        ByteBuffer buffer = ByteBuffer.allocate(g.clusterSize());
        for (String hash : missing) {
            Long guest = where.get(hash);
            if (guest == null) {
                throw new IOException("the server asked for cluster " + hash + ", which this generation does not hold");
            }
            buffer.clear();
            host.readCluster(g.vm(), g.number(), guest, buffer);
            batch.add(hash, buffer);
            sent.clusters++;
        }
        batch.flush();
    }

    private void uploadMemory(DifferenceSource host, Generation g, List<byte[]> memory, List<String> missing, String id,
            Counter sent) throws IOException {
        Map<String, Integer> where = new HashMap<>();
        for (int i = 0; i < memory.size(); i++) {
            where.putIfAbsent(WireFormat.HEX.formatHex(memory.get(i)), i);
        }
        Batch batch = new Batch(id + "/memory", sent);
        ByteBuffer buffer = ByteBuffer.allocate(WireFormat.MEMORY_BLOCK);
        for (String hash : missing) {
            Integer block = where.get(hash);
            if (block == null) {
                throw new IOException("the server asked for memory block " + hash + ", which this generation does not hold");
            }
            int length = (int) Math.min(WireFormat.MEMORY_BLOCK, g.memorySize() - (long) block * WireFormat.MEMORY_BLOCK);
            buffer.clear().limit(length);
            host.readMemoryBlock(g.vm(), g.number(), block, buffer);
            batch.add(hash, buffer);
            sent.blocks++;
        }
        batch.flush();
    }

    /** Frames collected up to the batch size, then sent in one request. */
    private final class Batch {
        private final String path;
        private final Counter sent;
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final DataOutputStream out = new DataOutputStream(bytes);
        private long payload;

        Batch(String path, Counter sent) {
            this.path = WireResource.BASE + "/pushes/" + path;
            this.sent = sent;
        }

        void add(String hash, ByteBuffer data) throws IOException {
            data.flip();
            if (payload > 0 && payload + data.remaining() > batchBytes) {
                flush();
            }
            out.write(WireFormat.HEX.parseHex(hash));
            out.writeInt(data.remaining());
            out.write(data.array(), data.arrayOffset() + data.position(), data.remaining());
            payload += data.remaining();
        }

        void flush() throws IOException {
            if (payload == 0) {
                return;
            }
            out.flush();
            wire.post(path, "application/octet-stream", bytes.toByteArray(), 64 * 1024);
            sent.bytes += payload;
            bytes.reset();
            payload = 0;
        }
    }

    private static final class Counter {
        int clusters;
        int blocks;
        long bytes;
    }

    private static List<String> texts(com.fasterxml.jackson.databind.JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
