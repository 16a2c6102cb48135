package org.deskplane.bundles.internal;

import java.net.URI;
import java.nio.file.Path;

/**
 * Reads a feature and the bundles it needs from a repository and downloads those bundles. An internal
 * service so that the bundle manager works without p2 present (the p2-backed implementation is then absent).
 */
public interface FeatureResolver {

    /**
     * @param version     exact version, or null for the newest
     * @param stagingDir  where to put the downloaded jars
     * @param maxJarBytes largest artifact accepted
     */
    ResolvedFeature resolve(URI repository, String featureId, String version, Path stagingDir, long maxJarBytes);
}
