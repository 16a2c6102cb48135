package org.deskplane.bundles.api;

import java.io.InputStream;
import java.net.URI;
import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Runtime management of the framework's bundles and of installed features. Every method throws
 * {@link BundleOperationException} with a clear message when it cannot do its job.
 */
@ProviderType
public interface BundleManager {

    List<BundleInfo> bundles();

    Optional<BundleInfo> bundle(long id);

    /** Installs a jar (checked by every {@link BundleVerifier}), and starts it when asked. */
    BundleInfo install(InputStream jar, boolean start);

    BundleInfo start(long id);

    BundleInfo stop(long id);

    /**
     * Updates a bundle in place, from the given jar or, when {@code jar} is null, from its original
     * location; then refreshes the bundles wired to it.
     */
    BundleInfo update(long id, InputStream jar);

    void uninstall(long id);

    List<FeatureInfo> features();

    /**
     * Installs a feature and what it needs from a p2 repository (metadata and artifacts read with p2), and
     * starts its bundles.
     *
     * @param version an exact version, or null for the newest in the repository
     */
    FeatureInfo installFeature(URI repository, String featureId, String version);

    /** Stops and uninstalls the bundles a feature brought that no other feature still needs. */
    void uninstallFeature(String featureId);
}
