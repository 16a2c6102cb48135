package org.deskplane.bundles.rest.tests;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.deskplane.bundles.api.BundleInfo;
import org.deskplane.bundles.api.BundleManager;
import org.deskplane.bundles.api.BundleOperationException;
import org.deskplane.bundles.api.FeatureInfo;

/** Records calls; throws {@link #failure} when set. */
final class FakeBundleManager implements BundleManager {
    final List<String> calls = new ArrayList<>();
    volatile BundleOperationException failure;
    byte[] lastJar;

    static BundleInfo info(long id) {
        return new BundleInfo(id, "org.example.b" + id, "1.0.0", "ACTIVE", "file:/tmp/b.jar", false, 0, "");
    }

    private void call(String what) {
        calls.add(what);
        if (failure != null) {
            throw failure;
        }
    }

    @Override
    public List<BundleInfo> bundles() {
        call("bundles");
        return List.of(info(1), info(2));
    }

    @Override
    public Optional<BundleInfo> bundle(long id) {
        call("bundle " + id);
        return id == 1 ? Optional.of(info(1)) : Optional.empty();
    }

    @Override
    public BundleInfo install(InputStream jar, boolean start) {
        lastJar = read(jar);
        call("install start=" + start);
        return info(7);
    }

    @Override
    public BundleInfo start(long id) {
        call("start " + id);
        return info(id);
    }

    @Override
    public BundleInfo stop(long id) {
        call("stop " + id);
        return info(id);
    }

    @Override
    public BundleInfo update(long id, InputStream jar) {
        lastJar = jar == null ? null : read(jar);
        call("update " + id + (jar == null ? " from location" : " from jar"));
        return info(id);
    }

    @Override
    public void uninstall(long id) {
        call("uninstall " + id);
    }

    @Override
    public List<FeatureInfo> features() {
        call("features");
        return List.of(new FeatureInfo("f", "1.0.0", "F", "product", List.of("b")));
    }

    @Override
    public FeatureInfo installFeature(URI repository, String featureId, String version) {
        call("installFeature " + repository + " " + featureId + " " + version);
        return new FeatureInfo(featureId, "1.0.0", featureId, repository.toString(), List.of("b"));
    }

    @Override
    public void uninstallFeature(String featureId) {
        call("uninstallFeature " + featureId);
    }

    private static byte[] read(InputStream in) {
        try {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
