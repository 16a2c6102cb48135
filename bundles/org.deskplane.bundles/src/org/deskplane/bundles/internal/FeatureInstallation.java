package org.deskplane.bundles.internal;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleException;

/**
 * Installs the bundles of a resolved feature all-or-nothing: verify every new jar, install them all, then
 * start them (so that they can resolve against each other); on any failure the bundles installed so far are
 * removed again. Bundles already installed at the same version are kept as they are and not owned.
 */
final class FeatureInstallation {
    private final FrameworkBundleManager manager;
    private final ResolvedFeature feature;
    private final URI repository;
    private final List<Bundle> installed = new ArrayList<>();

    FeatureInstallation(FrameworkBundleManager manager, ResolvedFeature feature, URI repository) {
        this.manager = manager;
        this.feature = feature;
        this.repository = repository;
    }

    InstalledFeature run() {
        List<FeatureBundle> records = new ArrayList<>();
        List<BundleJar> toInstall = new ArrayList<>();
        for (BundleJar jar : feature.bundles()) {
            Optional<Bundle> present = manager.findInstalled(jar.symbolicName(), jar.version());
            records.add(new FeatureBundle(jar.symbolicName(), jar.version(), present.isEmpty()));
            if (present.isEmpty()) {
                toInstall.add(jar);
            }
        }
        for (BundleJar jar : toInstall) {
            VerifierChain.verify(manager.verifiers(), jar);
        }
        try {
            for (BundleJar jar : toInstall) {
                installed.add(manager.installFile(manager.staging().promote(jar.path(), jar.fileName())));
            }
            for (int i = 0; i < installed.size(); i++) {
                if (!toInstall.get(i).fragment()) {
                    start(installed.get(i));
                }
            }
        } catch (RuntimeException e) {
            rollback();
            throw e;
        }
        return new InstalledFeature(feature.id(), feature.version(), feature.label(), repository.toString(), records);
    }

    /** Removes what {@link #run()} installed, e.g. when its result could not be recorded. */
    void rollback() {
        manager.uninstallQuietly(List.copyOf(installed));
        installed.clear();
    }

    private static void start(Bundle bundle) {
        try {
            bundle.start(Bundle.START_ACTIVATION_POLICY);
        } catch (BundleException | RuntimeException e) {
            throw FrameworkBundleManager.failure("cannot start " + bundle.getSymbolicName(), e);
        }
    }

}
