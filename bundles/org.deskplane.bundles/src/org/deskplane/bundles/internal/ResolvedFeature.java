package org.deskplane.bundles.internal;

import java.util.List;

/** A feature read from a repository, with its bundles downloaded to a staging folder. */
record ResolvedFeature(String id, String version, String label, List<BundleJar> bundles) {
    ResolvedFeature {
        bundles = List.copyOf(bundles);
    }
}
