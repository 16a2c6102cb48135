package org.deskplane.vmdiff.remote.internal;

import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.deskplane.rest.api.ApiRequest;
import org.deskplane.rest.api.ApiResult;
import org.deskplane.rest.api.Route;
import org.deskplane.security.api.Role;
import org.deskplane.vmdiff.api.ClusterEntry;
import org.deskplane.vmdiff.api.DifferenceException;
import org.deskplane.vmdiff.api.DifferenceException.Kind;
import org.deskplane.vmdiff.api.DifferenceSource;
import org.deskplane.vmdiff.api.Generation;

/**
 * Reading the server's copy: generation records as JSON, the cluster index and hash lists as bytes, clusters one
 * at a time or streamed in batches, the domain XML and memory blocks. Everything read is of one published,
 * immutable generation, so a host may read it piece by piece over many requests.
 */
final class ReadRoutes {
    private static final String GEN = WireResource.BASE + "/vms/{vm}/generations/{number}";
    private static final String OCTETS = "application/octet-stream";
    private final WireServices services;

    ReadRoutes(WireServices services) {
        this.services = services;
    }

    List<Route> routes() {
        return List.of(
                Route.get(WireResource.BASE + "/vms/{vm}/head", Role.OPERATOR, "The newest generation of a VM on the server (JSON; 404 NOT_FOUND without one)",
                        Guard.of(this::head)),
                Route.get(GEN, Role.OPERATOR, "One generation record (JSON)", Guard.of(r -> ApiResult.ok(WireFormat.generation(generation(r))))),
                Route.get(GEN + "/index", Role.OPERATOR, "The generation's cluster index (binary, see docs/vmdiff-wire.md)",
                        Guard.of(this::index)),
                Route.get(GEN + "/clusters/{guest}", Role.OPERATOR, "One data cluster's bytes", Guard.of(this::cluster)),
                Route.get(GEN + "/clusters", Role.OPERATOR, "?from=&count=: up to count data clusters from guest cluster 'from' on, streamed as frames",
                        Guard.of(this::batch)),
                Route.get(GEN + "/domain", Role.OPERATOR, "The domain XML kept with the generation", Guard.of(this::domain)),
                Route.get(GEN + "/memory", Role.OPERATOR, "SHA-256 per 1 MiB block of the saved memory state (32 bytes each)",
                        Guard.of(this::memoryBlocks)),
                Route.get(GEN + "/memory/{block}", Role.OPERATOR, "One block of the saved memory state", Guard.of(this::memoryBlock)));
    }

    private ApiResult head(ApiRequest request) throws IOException, DifferenceException {
        String vm = Params.vm(request);
        Generation head = services.server().copy().head(vm)
                .orElseThrow(() -> new DifferenceException(Kind.NOT_FOUND, "the server holds no generation of " + vm));
        return ApiResult.ok(WireFormat.generation(head));
    }

    private Generation generation(ApiRequest request) throws IOException, DifferenceException {
        String vm = Params.vm(request);
        long number = Params.longPath(request, "number", 1, Long.MAX_VALUE);
        return services.server().copy().generation(vm, number).orElseThrow(
                () -> new DifferenceException(Kind.NOT_FOUND, "the server has no generation " + number + " of " + vm));
    }

    private ApiResult index(ApiRequest request) throws IOException, DifferenceException {
        Generation g = generation(request);
        byte[] bytes = WireFormat.clusterIndex(services.indexes().clusters(services.server().copy(), g.vm(), g.number()));
        return bytes(bytes);
    }

    private ApiResult cluster(ApiRequest request) throws IOException, DifferenceException {
        Generation g = generation(request);
        long guest = Params.longPath(request, "guest", 0, WireFormat.maxClusters(g.virtualSize(), g.clusterSize()) - 1);
        ClusterEntry entry = find(services.indexes().clusters(services.server().copy(), g.vm(), g.number()), guest);
        if (entry == null || entry.zero()) {
            throw new DifferenceException(Kind.NOT_FOUND, "generation " + g.number() + " of " + g.vm() + " holds no data in cluster " + guest);
        }
        ByteBuffer buffer = ByteBuffer.allocate(g.clusterSize());
        services.server().copy().readCluster(g.vm(), g.number(), guest, buffer);
        return bytes(java.util.Arrays.copyOf(buffer.array(), buffer.position()));
    }

    /**
     * Frames of (guest index: 8 bytes, length: 4 bytes, the cluster) for the data clusters from guest cluster
     * {@code from} on, at most {@code count} and at most the batch limit in bytes; zero clusters are skipped (the
     * index already says what they are).
     */
    private ApiResult batch(ApiRequest request) throws IOException, DifferenceException {
        Generation g = generation(request);
        DifferenceSource copy = services.server().copy();
        long from = Params.longQuery(request, "from", 0, Long.MAX_VALUE, 0);
        int most = (int) Math.max(1, services.maxBatchBytes() / g.clusterSize());
        int count = (int) Params.longQuery(request, "count", 1, most, Math.min(64, most));
        List<ClusterEntry> entries = services.indexes().clusters(copy, g.vm(), g.number());
        int start = firstAtOrAfter(entries, from);
        return ApiResult.stream(200, OCTETS, out -> {
            DataOutputStream frames = new DataOutputStream(out);
            ByteBuffer buffer = ByteBuffer.allocate(g.clusterSize());
            int sent = 0;
            for (int i = start; i < entries.size() && sent < count; i++) {
                ClusterEntry entry = entries.get(i);
                if (!entry.zero()) {
                    buffer.clear();
                    copy.readCluster(g.vm(), g.number(), entry.guestIndex(), buffer);
                    WireFormat.frame(frames, entry.guestIndex(), buffer.array(), 0, buffer.position());
                    sent++;
                }
            }
            frames.flush();
        });
    }

    private ApiResult domain(ApiRequest request) throws IOException, DifferenceException {
        Generation g = generation(request);
        byte[] xml = services.server().copy().domainXml(g.vm(), g.number()).getBytes(StandardCharsets.UTF_8);
        return ApiResult.stream(200, "application/xml", out -> out.write(xml)).header("Content-Length", Integer.toString(xml.length));
    }

    private ApiResult memoryBlocks(ApiRequest request) throws IOException, DifferenceException {
        Generation g = generation(request);
        return bytes(WireFormat.hashes(services.server().copy().memoryBlocks(g.vm(), g.number())));
    }

    private ApiResult memoryBlock(ApiRequest request) throws IOException, DifferenceException {
        Generation g = generation(request);
        long blocks = (g.memorySize() + WireFormat.MEMORY_BLOCK - 1) / WireFormat.MEMORY_BLOCK;
        if (blocks == 0) {
            throw new DifferenceException(Kind.NOT_FOUND, "generation " + g.number() + " of " + g.vm() + " has no memory state");
        }
        int block = (int) Params.longPath(request, "block", 0, blocks - 1);
        int length = (int) Math.min(WireFormat.MEMORY_BLOCK, g.memorySize() - (long) block * WireFormat.MEMORY_BLOCK);
        ByteBuffer buffer = ByteBuffer.allocate(length);
        services.server().copy().readMemoryBlock(g.vm(), g.number(), block, buffer);
        return bytes(java.util.Arrays.copyOf(buffer.array(), buffer.position()));
    }

    static ApiResult bytes(byte[] bytes) {
        return ApiResult.stream(200, OCTETS, out -> out.write(bytes)).header("Content-Length", Integer.toString(bytes.length));
    }

    static ClusterEntry find(List<ClusterEntry> entries, long guest) {
        int at = firstAtOrAfter(entries, guest);
        return at < entries.size() && entries.get(at).guestIndex() == guest ? entries.get(at) : null;
    }

    /** Position of the first entry whose guest index is at least {@code guest} (entries are ascending). */
    static int firstAtOrAfter(List<ClusterEntry> entries, long guest) {
        int low = 0;
        int high = entries.size();
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (entries.get(mid).guestIndex() < guest) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low;
    }
}
