package org.deskplane.layers.store.internal;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.DigestInputStream;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.InflaterInputStream;

import org.deskplane.layers.api.FileEntry;
import org.deskplane.layers.api.Layer;
import org.deskplane.layers.api.LayerManifest;

/**
 * Layer manifests on disk, content-addressed by the SHA-256 of their canonical form ({@link ManifestCodec}) and kept
 * deflated: {@code manifests/ab/abcdef…}. A layer that did not change between two versions has the same digest, so
 * it is stored once and costs nothing in the next version.
 */
final class ManifestFiles {

    /** What a stored manifest adds up to. */
    record Summary(String digest, long entries, long bytes) {
    }

    private final Path root;
    private final AtomicFiles atomic;

    ManifestFiles(Path root, AtomicFiles atomic) throws IOException {
        this.root = root;
        this.atomic = atomic;
        Files.createDirectories(root);
    }

    Path file(String digest) {
        return root.resolve(digest.substring(0, 2)).resolve(digest);
    }

    boolean exists(String digest) {
        return Files.isRegularFile(file(digest));
    }

    /** Stores the manifest (streamed to a temp file, forced, renamed) unless an equal one is there already. */
    Summary store(LayerManifest manifest) throws IOException {
        Path temp = atomic.newTemp();
        MessageDigest digest = Hashes.sha256();
        long bytes = 0;
        try {
            try (FileOutputStream file = new FileOutputStream(temp.toFile());
                    DeflaterOutputStream deflated = new DeflaterOutputStream(file, new Deflater(Deflater.BEST_SPEED), 65536);
                    DataOutputStream out = new DataOutputStream(new BufferedOutputStream(new DigestOutputStream(deflated, digest), 65536))) {
                ManifestCodec.writeHeader(out, manifest.layer(), manifest.entries().size());
                for (FileEntry entry : manifest.entries()) {
                    ManifestCodec.writeEntry(out, entry);
                    bytes += entry.size();
                }
                out.flush();
                deflated.finish();
                file.getChannel().force(true);
            }
            String id = Hashes.hex(digest.digest());
            Path target = file(id);
            if (Files.isRegularFile(target)) {
                // an equal manifest is there: renew its time so that a collection running now spares it too
                Files.setLastModifiedTime(target, FileTime.from(Instant.now()));
            } else {
                atomic.moveIntoPlace(temp, target);
            }
            return new Summary(id, manifest.entries().size(), bytes);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** Streams the entries of a stored manifest to {@code sink}, then checks its digest. */
    Layer read(String digest, Layer expected, ManifestCodec.EntrySink sink) throws IOException {
        MessageDigest check = Hashes.sha256();
        Layer layer;
        try (InputStream file = Files.newInputStream(file(digest));
                DataInputStream in = new DataInputStream(new BufferedInputStream(
                        new DigestInputStream(new InflaterInputStream(new BufferedInputStream(file, 65536)), check), 65536))) {
            in.mark(64);
            layer = ManifestCodec.readLayer(in);
            in.reset();
            int count = ManifestCodec.readHeader(in, expected);
            String previous = null;
            for (int i = 0; i < count; i++) {
                FileEntry entry = ManifestCodec.readEntry(in);
                if (previous != null && previous.compareTo(entry.path()) >= 0) {
                    throw new IOException("manifest " + digest + " is not in path order at " + entry.path());
                }
                previous = entry.path();
                sink.accept(entry);
            }
            if (in.read() != -1) {
                throw new IOException("manifest " + digest + " has bytes after its last entry");
            }
        } catch (NoSuchFileException e) {
            throw new NoSuchFileException("no manifest " + digest);
        } catch (java.util.zip.ZipException e) {
            throw new IOException("manifest " + digest + " does not inflate: " + e.getMessage(), e);
        }
        String actual = Hashes.hex(check.digest());
        if (!actual.equals(digest)) {
            throw new IOException("manifest " + digest + " is corrupt: its content hashes to " + actual);
        }
        return layer;
    }

    LayerManifest load(String digest, Layer layer) throws IOException {
        List<FileEntry> entries = new ArrayList<>();
        read(digest, layer, entries::add);
        return new LayerManifest(layer, entries);
    }

    boolean delete(String digest) throws IOException {
        return Files.deleteIfExists(file(digest));
    }

    /** Every stored manifest file as (digest, file), for the collector. */
    void forEach(Consumer<Path> action) throws IOException {
        try (var fans = Files.list(root)) {
            for (Path fan : (Iterable<Path>) fans::iterator) {
                if (!Files.isDirectory(fan)) {
                    continue;
                }
                try (var files = Files.list(fan)) {
                    files.filter(f -> Hashes.validId(f.getFileName().toString())).forEach(action);
                }
            }
        }
    }
}
