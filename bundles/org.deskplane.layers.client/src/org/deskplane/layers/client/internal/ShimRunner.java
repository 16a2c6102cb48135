package org.deskplane.layers.client.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import org.deskplane.layers.api.Layer;
import org.deskplane.layers.spi.LayerShim;
import org.deskplane.layers.spi.ShimContext;
import org.deskplane.layers.spi.ShimHook;

/**
 * Runs the registered layer shims of this endpoint's OS at a hook, in their order. Shims come and go as bundles
 * (whiteboard); a failing shim fails the step it guards (a pivot does not go ahead on a half-merged database).
 */
final class ShimRunner {

    private final List<LayerShim> shims = new CopyOnWriteArrayList<>();
    private final String osFamily;

    ShimRunner(String osFamily) {
        this.osFamily = osFamily;
    }

    void add(LayerShim shim) {
        shims.add(shim);
    }

    void remove(LayerShim shim) {
        shims.remove(shim);
    }

    List<LayerShim> active() {
        List<LayerShim> mine = new ArrayList<>();
        for (LayerShim shim : shims) {
            if (shim.osFamily().equalsIgnoreCase(osFamily)) {
                mine.add(shim);
            }
        }
        mine.sort(Comparator.comparingInt(LayerShim::order).thenComparing(LayerShim::name));
        return mine;
    }

    /** The exclusion globs of every active shim. */
    List<String> exclusions() {
        List<String> globs = new ArrayList<>();
        active().forEach(s -> globs.addAll(s.exclusions()));
        return globs;
    }

    void run(ShimHook hook, Path root, Path staging, Set<Layer> layers, String endpointId, boolean newIdentity,
            Consumer<String> log) throws IOException {
        ShimContext context = new ShimContext() {
            @Override
            public Path root() {
                return root;
            }

            @Override
            public Path staging() {
                return staging;
            }

            @Override
            public Set<Layer> layers() {
                return layers;
            }

            @Override
            public String endpointId() {
                return endpointId;
            }

            @Override
            public boolean newIdentity() {
                return newIdentity;
            }

            @Override
            public void log(String message) {
                log.accept(message);
            }
        };
        for (LayerShim shim : active()) {
            if (shim.hooks().contains(hook)) {
                try {
                    shim.run(hook, context);
                } catch (IOException | RuntimeException e) {
                    throw new IOException("the " + shim.name() + " shim failed at " + hook + ": " + e.getMessage(), e);
                }
            }
        }
    }
}
