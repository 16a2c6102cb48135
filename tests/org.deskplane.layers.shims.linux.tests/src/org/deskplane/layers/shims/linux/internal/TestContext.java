package org.deskplane.layers.shims.linux.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.deskplane.layers.api.Layer;
import org.deskplane.layers.spi.ShimContext;

/** The sync client's side of a shim run, over temporary directories; collects the log. */
final class TestContext implements ShimContext {

    final Path root;
    final Path staging;
    final boolean newIdentity;
    final List<String> log = new ArrayList<>();

    TestContext(Path root, Path staging, boolean newIdentity) {
        this.root = root;
        this.staging = staging;
        this.newIdentity = newIdentity;
    }

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
        return Set.of(Layer.BASE_OS, Layer.APPLICATIONS);
    }

    @Override
    public String endpointId() {
        return "test-endpoint";
    }

    @Override
    public boolean newIdentity() {
        return newIdentity;
    }

    @Override
    public void log(String message) {
        log.add(message);
    }
}
