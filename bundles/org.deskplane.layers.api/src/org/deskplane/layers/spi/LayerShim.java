package org.deskplane.layers.spi;

import java.io.IOException;
import java.util.List;
import java.util.Set;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * OS-specific logic run at sync events, registered as a whiteboard service and picked by {@link #osFamily()} and
 * {@link #hooks()}. Shims run in ascending {@link #order()}.
 */
@ConsumerType
public interface LayerShim {

    /** "linux", "windows"… matched against the endpoint's OS family. */
    String osFamily();

    String name();

    Set<ShimHook> hooks();

    default int order() {
        return 100;
    }

    /**
     * Paths (glob syntax of {@link java.nio.file.FileSystem#getPathMatcher}, relative to the root) never uploaded:
     * caches, temporary files, machine-specific state.
     */
    default List<String> exclusions() {
        return List.of();
    }

    void run(ShimHook hook, ShimContext context) throws IOException;
}
