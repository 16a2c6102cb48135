package org.deskplane.layers.store.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.deskplane.layers.api.CvdVersion;
import org.deskplane.layers.api.EntryType;
import org.deskplane.layers.api.FileEntry;
import org.deskplane.layers.api.Layer;
import org.deskplane.layers.api.LayerException;
import org.deskplane.layers.api.LayerManifest;
import org.deskplane.layers.api.PublishRequest;

/** Shared helpers: stores on temp folders, chunks put by hand, small manifests and requests. */
final class Fixtures {

    private Fixtures() {
    }

    static FileCvdStore store(Path root) throws IOException {
        return new FileCvdStore(root, StoreSettings.defaults(), Clock.systemUTC());
    }

    static FileCvdStore store(Path root, long graceMillis) throws IOException {
        return new FileCvdStore(root, StoreSettings.defaults().withGraceMillis(graceMillis), Clock.systemUTC());
    }

    static byte[] bytes(long seed, int length) {
        byte[] data = new byte[length];
        new SplittableRandom(seed).nextBytes(data);
        return data;
    }

    static String id(byte[] data) {
        return Hashes.sha256Hex(data, data.length);
    }

    /** Puts {@code data} as one chunk and returns its id. */
    static String put(FileCvdStore store, byte[] data) throws IOException, LayerException {
        String id = id(data);
        store.putChunk(id, new ByteArrayInputStream(data), data.length);
        return id;
    }

    /** A chunk's file: in chunks/ once a publish made it durable, in incoming/ before (or null when in neither). */
    static Path chunkFile(Path root, String id) {
        for (String folder : List.of("chunks", "incoming")) {
            Path file = root.resolve(folder).resolve(id.substring(0, 2)).resolve(id);
            if (Files.isRegularFile(file)) {
                return file;
            }
        }
        return null;
    }

    /** A file entry whose content is the given chunks (already put or not). */
    static FileEntry file(String path, byte[]... chunks) {
        List<String> ids = new ArrayList<>();
        var whole = Hashes.sha256();
        long size = 0;
        for (byte[] chunk : chunks) {
            ids.add(id(chunk));
            whole.update(chunk);
            size += chunk.length;
        }
        return new FileEntry(path, EntryType.FILE, 0644, "user:user", 1_700_000_000_000L, size, Hashes.hex(whole.digest()), ids, "");
    }

    static LayerManifest manifest(Layer layer, FileEntry... entries) {
        return new LayerManifest(layer, List.of(entries));
    }

    static PublishRequest upload(long parent, long token, LayerManifest... manifests) {
        return request(CvdVersion.Kind.UPLOAD, parent, token, manifests);
    }

    static PublishRequest request(CvdVersion.Kind kind, long parent, long token, LayerManifest... manifests) {
        Map<Layer, LayerManifest> layers = new java.util.EnumMap<>(Layer.class);
        for (LayerManifest m : manifests) {
            layers.put(m.layer(), m);
        }
        return new PublishRequest("endpoint-a", parent, token, kind, layers, "");
    }

    /** Writes {@code length} reproducible pseudo-random bytes to {@code file}. */
    static void writeRandomFile(Path file, long seed, long length) throws IOException {
        Files.createDirectories(file.getParent());
        SplittableRandom random = new SplittableRandom(seed);
        byte[] buffer = new byte[1 << 20];
        try (OutputStream out = Files.newOutputStream(file)) {
            for (long left = length; left > 0; left -= buffer.length) {
                random.nextBytes(buffer);
                out.write(buffer, 0, (int) Math.min(left, buffer.length));
            }
        }
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (var walk = Files.walk(root)) {
            for (Path p : (Iterable<Path>) walk.sorted(java.util.Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        }
    }
}
