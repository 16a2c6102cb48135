package org.deskplane.vmdiff.remote.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.deskplane.vmdiff.api.ClusterEntry;
import org.deskplane.vmdiff.api.Generation;
import org.deskplane.vmdiff.api.RunLease;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One host's push of one generation, as announced: the record (and the host's record at the server's head number,
 * to tell a fast-forward from a diverged copy), the cluster index, the memory block hashes, the domain XML and the
 * lease it pushes under. Uploaded clusters and memory blocks are files named by their SHA-256 under
 * {@code blobs/}, each written only after its hash matched. The session is named by the generation's content hash,
 * so a host that announces the same generation again finds what it already sent.
 *
 * <pre>
 * &lt;id&gt;/session.json   lease, generation, ancestor, memory block hashes
 *      clusters.idx   the cluster index (wire format)
 *      domain.xml
 *      blobs/&lt;sha256&gt; verified uploads
 * </pre>
 */
final class PushSession {
    static final String SESSION = "session.json";
    private static final String INDEX = "clusters.idx";
    private static final String DOMAIN = "domain.xml";

    final Path folder;
    final RunLease lease;
    final Generation generation;
    final Optional<Generation> ancestor;
    final List<ClusterEntry> clusters;
    final List<byte[]> memoryBlocks;
    final String domainXml;

    PushSession(Path folder, RunLease lease, Generation generation, Optional<Generation> ancestor, List<ClusterEntry> clusters,
            List<byte[]> memoryBlocks, String domainXml) {
        this.folder = folder;
        this.lease = lease;
        this.generation = generation;
        this.ancestor = ancestor;
        this.clusters = clusters;
        this.memoryBlocks = memoryBlocks;
        this.domainXml = domainXml;
    }

    String id() {
        return generation.contentHash();
    }

    Path blobs() {
        return folder.resolve("blobs");
    }

    Path blob(String sha256) {
        return blobs().resolve(sha256);
    }

    boolean has(String sha256) {
        return Files.isRegularFile(blob(sha256));
    }

    /** Hashes of the data clusters, each once, in index order. */
    Set<String> clusterHashes() {
        Set<String> hashes = new LinkedHashSet<>();
        for (ClusterEntry e : clusters) {
            if (!e.zero()) {
                hashes.add(WireFormat.HEX.formatHex(e.sha256()));
            }
        }
        return hashes;
    }

    /** Hash of each memory block → its length (the last block may be short). */
    Map<String, Integer> memoryHashes() {
        Map<String, Integer> hashes = new LinkedHashMap<>();
        for (int i = 0; i < memoryBlocks.size(); i++) {
            int length = (int) Math.min(WireFormat.MEMORY_BLOCK, generation.memorySize() - (long) i * WireFormat.MEMORY_BLOCK);
            hashes.putIfAbsent(WireFormat.HEX.formatHex(memoryBlocks.get(i)), length);
        }
        return hashes;
    }

    /** Writes the session's files (keeping blobs already there: announcing again resumes). */
    void save() throws IOException {
        Files.createDirectories(blobs());
        ObjectNode json = LeaseRoutes.JSON.createObjectNode();
        json.set("lease", LeaseRoutes.JSON.valueToTree(WireFormat.lease(lease)));
        json.set("generation", LeaseRoutes.JSON.valueToTree(WireFormat.generation(generation)));
        ancestor.ifPresent(a -> json.set("ancestor", LeaseRoutes.JSON.valueToTree(WireFormat.generation(a))));
        ArrayNode memory = json.putArray("memoryBlocks");
        memoryBlocks.forEach(h -> memory.add(WireFormat.HEX.formatHex(h)));
        Files.write(folder.resolve(INDEX), WireFormat.clusterIndex(clusters));
        Files.writeString(folder.resolve(DOMAIN), domainXml, StandardCharsets.UTF_8);
        // the record last: a session folder without it is half-written and cleaned like a stale one
        PushSessions.atomicWrite(folder.resolve(SESSION), LeaseRoutes.JSON.writeValueAsBytes(json));
    }

    static PushSession load(Path folder) throws IOException {
        JsonNode json = LeaseRoutes.JSON.readTree(Files.readAllBytes(folder.resolve(SESSION)));
        Generation generation = WireFormat.generation(json.get("generation"));
        Optional<Generation> ancestor = json.has("ancestor") ? Optional.of(WireFormat.generation(json.get("ancestor"))) : Optional.empty();
        List<byte[]> memory = new ArrayList<>();
        json.path("memoryBlocks").forEach(h -> memory.add(WireFormat.HEX.parseHex(h.asText())));
        long maxGuest = WireFormat.maxClusters(generation.virtualSize(), generation.clusterSize());
        List<ClusterEntry> clusters = WireFormat.clusterIndex(Files.readAllBytes(folder.resolve(INDEX)), generation.clusters(), maxGuest);
        return new PushSession(folder, WireFormat.lease(json.get("lease")), generation, ancestor, clusters, memory,
                Files.readString(folder.resolve(DOMAIN), StandardCharsets.UTF_8));
    }

    PushSession withLease(RunLease newer) {
        return new PushSession(folder, newer, generation, ancestor, clusters, memoryBlocks, domainXml);
    }
}
