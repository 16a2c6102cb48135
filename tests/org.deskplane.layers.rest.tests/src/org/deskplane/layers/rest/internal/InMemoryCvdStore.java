package org.deskplane.layers.rest.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

import org.deskplane.layers.api.Cvd;
import org.deskplane.layers.api.CvdConflictException;
import org.deskplane.layers.api.CvdStore;
import org.deskplane.layers.api.CvdVersion;
import org.deskplane.layers.api.FencedException;
import org.deskplane.layers.api.FileEntry;
import org.deskplane.layers.api.GcReport;
import org.deskplane.layers.api.Layer;
import org.deskplane.layers.api.LayerException;
import org.deskplane.layers.api.LayerManifest;
import org.deskplane.layers.api.PublishRequest;
import org.deskplane.layers.api.StoreStats;
import org.deskplane.layers.api.VerifyReport;

/**
 * A CvdStore in memory that keeps the contract the routes rely on: chunks checked against their SHA-256 id, publishes
 * refused for missing chunks, a moved head and a lower token, snapshots not becoming the head, layers inherited from
 * the parent, restores. Not crash-safe, not deduplicating beyond the id: that is the real store's job.
 */
final class InMemoryCvdStore implements CvdStore {

    private final Map<String, byte[]> chunks = new ConcurrentHashMap<>();
    private final Map<String, Cvd> cvds = new LinkedHashMap<>();
    private final Map<String, List<CvdVersion>> versions = new LinkedHashMap<>();
    private final Map<String, LayerManifest> manifests = new LinkedHashMap<>();
    private final Map<String, Long> highestToken = new LinkedHashMap<>();

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public synchronized Cvd create(String cvdId, String owner) throws LayerException {
        if (cvds.containsKey(cvdId)) {
            throw new LayerException("CVD " + cvdId + " exists");
        }
        Cvd cvd = new Cvd(cvdId, owner, Instant.now(), 0);
        cvds.put(cvdId, cvd);
        versions.put(cvdId, new ArrayList<>());
        return cvd;
    }

    @Override
    public synchronized List<Cvd> list() {
        return List.copyOf(cvds.values());
    }

    @Override
    public synchronized Optional<Cvd> find(String cvdId) {
        return Optional.ofNullable(cvds.get(cvdId));
    }

    @Override
    public Set<String> missingChunks(Collection<String> chunkIds) {
        Set<String> missing = new TreeSet<>(chunkIds);
        missing.removeIf(chunks::containsKey);
        return missing;
    }

    @Override
    public boolean putChunk(String chunkId, InputStream data, long length) throws IOException, LayerException {
        byte[] bytes = data.readAllBytes();
        if (bytes.length != length || !sha256(bytes).equals(chunkId)) {
            throw new LayerException("the bytes do not hash to " + chunkId);
        }
        return chunks.putIfAbsent(chunkId, bytes) == null;
    }

    @Override
    public InputStream openChunk(String chunkId) throws LayerException {
        byte[] bytes = chunks.get(chunkId);
        if (bytes == null) {
            throw new LayerException("no chunk " + chunkId);
        }
        return new ByteArrayInputStream(bytes);
    }

    @Override
    public synchronized CvdVersion publish(String cvdId, PublishRequest request) throws LayerException {
        Cvd cvd = require(cvdId);
        for (LayerManifest manifest : request.layers().values()) {
            for (FileEntry entry : manifest.entries()) {
                Set<String> missing = missingChunks(entry.chunks());
                if (!missing.isEmpty()) {
                    throw new LayerException("missing chunks: " + missing);
                }
            }
        }
        boolean snapshot = request.kind() == CvdVersion.Kind.SNAPSHOT;
        if (!snapshot && request.parent() != cvd.head()) {
            throw new CvdConflictException("the head is " + cvd.head() + ", not " + request.parent(), cvd.head());
        }
        if (!snapshot && request.includesSystemLayer() && request.fencingToken() < highestToken.getOrDefault(cvdId, 0L)) {
            throw new FencedException("token " + request.fencingToken() + " is stale");
        }
        if (!snapshot && request.includesSystemLayer()) {
            highestToken.merge(cvdId, request.fencingToken(), Math::max);
        }
        Map<Layer, String> layers = new EnumMap<>(Layer.class);
        if (request.parent() > 0) {
            layers.putAll(version(cvdId, request.parent()).layers());
        }
        request.layers().forEach((layer, manifest) -> {
            String digest = "m" + manifests.size();
            manifests.put(digest, manifest);
            layers.put(layer, digest);
        });
        return add(cvd, request.parent(), request.endpointId(), request.kind(), layers, request.fencingToken(),
                request.note(), !snapshot);
    }

    private CvdVersion add(Cvd cvd, long parent, String endpoint, CvdVersion.Kind kind, Map<Layer, String> layers,
            long token, String note, boolean head) {
        List<CvdVersion> list = versions.get(cvd.id());
        CvdVersion version = new CvdVersion(cvd.id(), list.size() + 1, parent, Instant.now(), endpoint, kind, layers,
                token, note);
        list.add(version);
        if (head) {
            cvds.put(cvd.id(), new Cvd(cvd.id(), cvd.owner(), cvd.created(), version.number()));
        }
        return version;
    }

    @Override
    public synchronized List<CvdVersion> versions(String cvdId) throws LayerException {
        require(cvdId);
        return List.copyOf(versions.get(cvdId));
    }

    @Override
    public synchronized CvdVersion version(String cvdId, long number) throws LayerException {
        return versions(cvdId).stream().filter(v -> v.number() == number).findFirst()
                .orElseThrow(() -> new LayerException("no version " + number));
    }

    @Override
    public synchronized LayerManifest manifest(String cvdId, long number, Layer layer) throws LayerException {
        String digest = version(cvdId, number).layers().get(layer);
        return digest == null ? LayerManifest.empty(layer) : manifests.get(digest);
    }

    @Override
    public synchronized CvdVersion restore(String cvdId, long number, String note) throws LayerException {
        Cvd cvd = require(cvdId);
        CvdVersion old = version(cvdId, number);
        return add(cvd, cvd.head(), "server", CvdVersion.Kind.RESTORE, old.layers(), 0, note, true);
    }

    @Override
    public GcReport collectGarbage() {
        return new GcReport(chunks.size(), 0, 0, 0);
    }

    @Override
    public VerifyReport verify() {
        return new VerifyReport(chunks.size(), manifests.size(), List.of());
    }

    @Override
    public synchronized StoreStats stats() {
        long stored = chunks.values().stream().mapToLong(b -> b.length).sum();
        return new StoreStats(cvds.size(), versions.values().stream().mapToLong(List::size).sum(), chunks.size(), stored,
                stored);
    }

    private Cvd require(String cvdId) throws LayerException {
        Cvd cvd = cvds.get(cvdId);
        if (cvd == null) {
            throw new LayerException("no CVD " + cvdId);
        }
        return cvd;
    }
}
