package org.deskplane.layers.client.internal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.deskplane.layers.api.Layer;
import org.deskplane.layers.api.LayerManifest;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * What the endpoint remembers between rounds and restarts, under its state directory: per layer the base manifest
 * (the last version this endpoint and the server agreed on: the "last uploaded" column of the merge table) and the
 * version it has applied, the versions waiting for a log-on or a restart, and the conflict copies made. Every file is
 * replaced atomically, so a crash leaves the old or the new state.
 */
final class LocalState {

    /** The small part, kept in one file. */
    static final class Versions {
        public Map<Layer, Long> applied = new EnumMap<>(Layer.class);
        public long stagedVersion;
        public long pendingProfileVersion;
        public boolean identityCreated;
        public List<String> conflicts = new ArrayList<>();
    }

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final Path dir;
    private final Versions versions;
    private final Map<Layer, LayerManifest> bases = new EnumMap<>(Layer.class);

    LocalState(Path dir) throws IOException {
        this.dir = dir;
        Files.createDirectories(dir.resolve("base"));
        Path file = dir.resolve("versions.json");
        versions = Files.exists(file) ? JSON.readValue(file.toFile(), Versions.class) : new Versions();
    }

    Path dir() {
        return dir;
    }

    synchronized long applied(Layer layer) {
        return versions.applied.getOrDefault(layer, 0L);
    }

    synchronized void setApplied(Layer layer, long version) throws IOException {
        versions.applied.put(layer, version);
        save();
    }

    synchronized Map<Layer, Long> appliedAll() {
        Map<Layer, Long> copy = new EnumMap<>(Layer.class);
        copy.putAll(versions.applied);
        return copy;
    }

    synchronized long stagedVersion() {
        return versions.stagedVersion;
    }

    synchronized void setStagedVersion(long version) throws IOException {
        versions.stagedVersion = version;
        save();
    }

    synchronized long pendingProfileVersion() {
        return versions.pendingProfileVersion;
    }

    synchronized void setPendingProfileVersion(long version) throws IOException {
        versions.pendingProfileVersion = version;
        save();
    }

    synchronized boolean identityCreated() {
        return versions.identityCreated;
    }

    synchronized void setIdentityCreated() throws IOException {
        versions.identityCreated = true;
        save();
    }

    synchronized List<String> conflicts() {
        return List.copyOf(versions.conflicts);
    }

    synchronized void addConflict(String path) throws IOException {
        versions.conflicts.add(path);
        if (versions.conflicts.size() > 1000) {
            versions.conflicts.remove(0); // a status, not a history: the newest thousand
        }
        save();
    }

    synchronized LayerManifest base(Layer layer) throws IOException {
        LayerManifest cached = bases.get(layer);
        if (cached == null) {
            Path file = dir.resolve("base").resolve(layer + ".json");
            cached = Files.exists(file) ? readManifest(file) : LayerManifest.empty(layer);
            bases.put(layer, cached);
        }
        return cached;
    }

    synchronized void setBase(LayerManifest manifest) throws IOException {
        write(dir.resolve("base").resolve(manifest.layer() + ".json"), json(manifest));
        bases.put(manifest.layer(), manifest);
    }

    static byte[] json(LayerManifest manifest) throws IOException {
        return JSON.writeValueAsBytes(manifest);
    }

    static LayerManifest readManifest(Path file) throws IOException {
        return JSON.readValue(file.toFile(), LayerManifest.class);
    }

    private void save() throws IOException {
        write(dir.resolve("versions.json"), JSON.writeValueAsBytes(versions));
    }

    static void write(Path file, byte[] bytes) throws IOException {
        Path temp = file.resolveSibling(file.getFileName() + ".tmp");
        try (FileChannel out = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            out.write(java.nio.ByteBuffer.wrap(bytes));
            out.force(true);
        }
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
