package org.deskplane.layers.client.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.deskplane.layers.api.Binding;
import org.deskplane.layers.api.FileEntry;
import org.deskplane.layers.api.Layer;
import org.deskplane.layers.api.LayerManifest;
import org.deskplane.layers.merge.PathMapper;

/**
 * Where the CVD's paths live on this endpoint. Manifests on the server use the CVD's layout; on this endpoint user
 * files may sit elsewhere (path mappings of another OS layout), and the driver layer holds one folder per hardware
 * type of which this endpoint takes only its own set, at the root.
 */
final class EndpointLayout {

    private final Path root;
    private final PathMapper userFiles;
    private final String driverPrefix;

    EndpointLayout(Path root, Binding binding) {
        this.root = root;
        this.userFiles = binding.pathMappings().isEmpty() ? PathMapper.identity() : new PathMapper(binding.pathMappings());
        this.driverPrefix = binding.driverSet().isEmpty() ? "" : binding.driverSet() + "/";
    }

    Path root() {
        return root;
    }

    /** The endpoint path of a CVD path of a layer, or empty when this endpoint has no place for it. */
    Optional<String> toEndpoint(Layer layer, String cvdPath) {
        switch (layer) {
        case USER_FILES:
            return userFiles.toEndpoint(cvdPath);
        case DRIVERS:
            return driverPrefix.isEmpty() || !cvdPath.startsWith(driverPrefix) ? Optional.empty()
                    : Optional.of(cvdPath.substring(driverPrefix.length()));
        default:
            return Optional.of(cvdPath);
        }
    }

    Optional<String> toCvd(Layer layer, String endpointPath) {
        switch (layer) {
        case USER_FILES:
            return userFiles.toCvd(endpointPath);
        case DRIVERS:
            return driverPrefix.isEmpty() ? Optional.empty() : Optional.of(driverPrefix + endpointPath);
        default:
            return Optional.of(endpointPath);
        }
    }

    Path file(Layer layer, String cvdPath) {
        return root.resolve(toEndpoint(layer, cvdPath).orElseThrow(
                () -> new IllegalArgumentException("no place on this endpoint for " + cvdPath)));
    }

    /** A scanned (endpoint-path) manifest in CVD paths; entries without a place in the CVD are left out. */
    LayerManifest toCvd(LayerManifest scanned) {
        List<FileEntry> entries = new ArrayList<>();
        for (FileEntry e : scanned.entries()) {
            toCvd(scanned.layer(), e.path()).ifPresent(p -> entries.add(withPath(e, p)));
        }
        return new LayerManifest(scanned.layer(), entries);
    }

    /** The part of a CVD manifest this endpoint holds (the rest is carried over untouched when it uploads). */
    LayerManifest placeable(LayerManifest cvd) {
        return new LayerManifest(cvd.layer(), cvd.entries().stream().filter(e -> toEndpoint(cvd.layer(), e.path()).isPresent()).toList());
    }

    /** The part of a CVD manifest this endpoint has no place for. */
    List<FileEntry> unplaceable(LayerManifest cvd) {
        return cvd.entries().stream().filter(e -> toEndpoint(cvd.layer(), e.path()).isEmpty()).toList();
    }

    static FileEntry withPath(FileEntry e, String path) {
        return path.equals(e.path()) ? e
                : new FileEntry(path, e.type(), e.mode(), e.owner(), e.modifiedMillis(), e.size(), e.contentHash(), e.chunks(), e.linkTarget());
    }
}
