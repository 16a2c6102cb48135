package org.deskplane.vmdiff.remote.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.deskplane.rest.api.ApiException;
import org.deskplane.rest.api.ApiRequest;
import org.deskplane.rest.api.ApiResult;
import org.deskplane.rest.api.Route;
import org.deskplane.security.api.Role;
import org.deskplane.vmdiff.api.ClusterEntry;
import org.deskplane.vmdiff.api.DifferenceException;
import org.deskplane.vmdiff.api.DifferenceException.Kind;
import org.deskplane.vmdiff.api.Generation;
import org.deskplane.vmdiff.api.RunLease;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Push sessions: a host announces a generation and learns which clusters and memory blocks the server lacks,
 * uploads those in batches, then commits. See docs/vmdiff-wire.md.
 */
final class PushRoutes {
    private static final String PUSHES = WireResource.BASE + "/pushes";
    private static final int MAX_DOMAIN = 4 << 20;
    private final WireServices services;

    PushRoutes(WireServices services) {
        this.services = services;
    }

    List<Route> routes() {
        return List.of(
                Route.post(PUSHES, Role.OPERATOR, "Announce a generation {lease, generation, ancestor?, domainXml, memoryBlocks, clusterIndex}"
                        + " → {id, relation, missingClusters, missingMemoryBlocks}; 409 LEASE_HELD / DIVERGED / INVALID", Guard.of(this::announce)),
                Route.post(PUSHES + "/{id}/clusters", Role.OPERATOR, "Upload clusters as frames (sha256, length, bytes); 400 CORRUPT keeps nothing",
                        Guard.of(r -> upload(r, false))),
                Route.post(PUSHES + "/{id}/memory", Role.OPERATOR, "Upload memory blocks as frames (sha256, length, bytes); 400 CORRUPT keeps nothing",
                        Guard.of(r -> upload(r, true))),
                Route.post(PUSHES + "/{id}/commit", Role.OPERATOR, "Publish the pushed generation on the server → the generation",
                        Guard.of(this::commit)));
    }

    private ApiResult announce(ApiRequest request) throws IOException, DifferenceException {
        JsonNode body = json(request, services.maxAnnounceBytes());
        RunLease lease = WireFormat.lease(body.get("lease"));
        Generation generation = WireFormat.generation(body.get("generation"));
        if (!lease.vm().equals(generation.vm())) {
            throw ApiException.badRequest("the lease is for " + lease.vm() + ", the generation for " + generation.vm());
        }
        Params.sha256(generation.contentHash(), "a generation's content hash");
        Optional<Generation> ancestor = Optional.empty();
        if (body.hasNonNull("ancestor")) {
            Generation a = WireFormat.generation(body.get("ancestor"));
            if (!a.vm().equals(generation.vm()) || a.number() >= generation.number()) {
                throw ApiException.badRequest("the ancestor must be an older generation of the same VM");
            }
            ancestor = Optional.of(a);
        }
        String domain = WireFormat.text(body, "domainXml", MAX_DOMAIN);
        byte[] domainBytes = domain.getBytes(StandardCharsets.UTF_8);
        if (!WireFormat.HEX.formatHex(WireFormat.sha256(domainBytes, 0, domainBytes.length)).equals(generation.domainHash())) {
            throw new DifferenceException(Kind.CORRUPT, "the announced domain XML does not match the generation's domain hash");
        }
        long blocks = (generation.memorySize() + WireFormat.MEMORY_BLOCK - 1) / WireFormat.MEMORY_BLOCK;
        JsonNode memory = body.path("memoryBlocks");
        if (!memory.isArray() || memory.size() != blocks) {
            throw ApiException.badRequest("memoryBlocks must list " + blocks + " SHA-256 hashes for " + generation.memorySize() + " bytes");
        }
        List<byte[]> memoryBlocks = new ArrayList<>();
        for (JsonNode h : memory) {
            memoryBlocks.add(WireFormat.HEX.parseHex(Params.sha256(h.asText(), "a memory block hash")));
        }
        byte[] index;
        try {
            index = Base64.getDecoder().decode(WireFormat.text(body, "clusterIndex", Integer.MAX_VALUE));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("clusterIndex is not base64: " + e.getMessage());
        }
        List<ClusterEntry> clusters;
        try {
            clusters = WireFormat.clusterIndex(index, generation.clusters(),
                    WireFormat.maxClusters(generation.virtualSize(), generation.clusterSize()));
        } catch (IOException e) {
            throw ApiException.badRequest("the cluster index does not fit the generation: " + e.getMessage());
        }
        if (clusters.size() != generation.clusters()) {
            throw ApiException.badRequest("the cluster index lists " + clusters.size() + " clusters, the generation " + generation.clusters());
        }
        PushSession announced = new PushSession(null, lease, generation, ancestor, clusters, memoryBlocks, domain);
        return ApiResult.ok(missing(services.sessions().announce(announced)));
    }

    private ApiResult upload(ApiRequest request, boolean memory) throws IOException, DifferenceException {
        String type = request.header("Content-Type").map(t -> t.split(";", 2)[0].strip()).orElse("application/octet-stream");
        if (!type.equals("application/octet-stream")) {
            throw new ApiException(415, "Unsupported media type", "send frames as application/octet-stream, not " + type);
        }
        PushSessions sessions = services.sessions();
        PushSession session = sessions.open(request.pathParam("id"));
        PushSessions.Received received;
        try (InputStream body = request.body()) {
            received = sessions.receive(session, memory, body, services.maxBatchBytes());
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("kept", received.kept());
        answer.put("bytes", received.bytes());
        answer.put("missingClusters", received.left().clusters().size());
        answer.put("missingMemoryBlocks", received.left().memoryBlocks().size());
        return ApiResult.ok(answer);
    }

    private ApiResult commit(ApiRequest request) throws IOException, DifferenceException {
        PushSessions sessions = services.sessions();
        return ApiResult.ok(WireFormat.generation(sessions.commit(sessions.open(request.pathParam("id")))));
    }

    private static Map<String, Object> missing(PushSessions.Missing missing) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", missing.id());
        m.put("relation", missing.relation().name());
        m.put("missingClusters", missing.clusters());
        m.put("missingMemoryBlocks", missing.memoryBlocks());
        return m;
    }

    private static JsonNode json(ApiRequest request, long max) {
        try (InputStream in = request.body()) {
            byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, max + 1));
            if (bytes.length > max) {
                throw new ApiException(413, "Request body too large", "an announcement carries at most " + max + " bytes");
            }
            JsonNode node = LeaseRoutes.JSON.readTree(bytes);
            if (node == null || !node.isObject()) {
                throw ApiException.badRequest("the announcement must be a JSON object");
            }
            return node;
        } catch (IOException e) {
            throw ApiException.badRequest("the announcement is not valid JSON: " + e.getMessage());
        }
    }
}
