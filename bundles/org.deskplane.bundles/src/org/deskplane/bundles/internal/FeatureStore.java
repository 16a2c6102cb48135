package org.deskplane.bundles.internal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.deskplane.bundles.api.BundleOperationException;
import org.deskplane.bundles.api.BundleOperationException.Kind;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * {@code features.json}: which feature brought which bundles, so that features() and uninstallFeature() work
 * after a restart. Written atomically (temp file, force, atomic rename).
 */
final class FeatureStore {
    /** File layout: {@code {"features":[...]}} — an object so that fields can be added later. */
    record Contents(List<InstalledFeature> features) {
        Contents {
            features = features == null ? List.of() : List.copyOf(features);
        }
    }

    private static final long MAX_BYTES = 4L * 1024 * 1024;
    private static final Logger LOG = Logger.getLogger(FeatureStore.class.getName());

    private final Path file;
    private final ObjectMapper mapper = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
            .enable(SerializationFeature.INDENT_OUTPUT);
    private List<InstalledFeature> features;

    FeatureStore(Path file) {
        this.file = file;
        this.features = load();
    }

    synchronized List<InstalledFeature> all() {
        return features;
    }

    synchronized Optional<InstalledFeature> find(String id) {
        return features.stream().filter(f -> f.id().equals(id)).findFirst();
    }

    /** Replaces the whole list and writes it; the in-memory state changes only when the write worked. */
    synchronized void replace(List<InstalledFeature> updated) {
        write(new Contents(updated));
        features = List.copyOf(updated);
    }

    synchronized void add(InstalledFeature feature) {
        List<InstalledFeature> updated = new ArrayList<>(features);
        updated.removeIf(f -> f.id().equals(feature.id()));
        updated.add(feature);
        replace(updated);
    }

    private List<InstalledFeature> load() {
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        try {
            if (Files.size(file) > MAX_BYTES) {
                throw new BundleOperationException(Kind.FAILED, file + " is larger than " + MAX_BYTES + " bytes");
            }
            return mapper.readValue(file.toFile(), Contents.class).features();
        } catch (IOException | BundleOperationException e) {
            // keep the unreadable file for the administrator and carry on with no runtime features,
            // rather than taking bundle management down with it
            Path aside = file.resolveSibling(file.getFileName() + ".unreadable-" + System.currentTimeMillis());
            LOG.log(Level.SEVERE, "cannot read " + file + " (moved to " + aside + "): " + e.getMessage(), e);
            try {
                Files.move(file, aside);
            } catch (IOException moveFailed) {
                throw new BundleOperationException(Kind.FAILED, "cannot read " + file + ": " + e.getMessage(), e);
            }
            return List.of();
        }
    }

    private void write(Contents contents) {
        Path temp = null;
        try {
            Files.createDirectories(file.getParent());
            temp = Files.createTempFile(file.getParent(), ".features-", ".json");
            byte[] bytes = mapper.writeValueAsBytes(contents);
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                channel.write(java.nio.ByteBuffer.wrap(bytes));
                channel.force(true);
            }
            try {
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            JarStaging.discard(temp);
            throw new BundleOperationException(Kind.FAILED, "cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
