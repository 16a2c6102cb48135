package org.deskplane.bundles.internal;

import java.util.List;

import org.deskplane.bundles.api.FeatureInfo;

/** A feature installed at runtime from a p2 repository, as recorded in features.json. */
record InstalledFeature(String id, String version, String label, String repository, List<FeatureBundle> bundles) {

    InstalledFeature {
        bundles = List.copyOf(bundles);
    }

    FeatureInfo toInfo() {
        return new FeatureInfo(id, version, label, repository,
                bundles.stream().map(FeatureBundle::symbolicName).toList());
    }

    boolean lists(FeatureBundle bundle) {
        return bundles.stream().anyMatch(bundle::sameBundle);
    }

    /** This feature with the given bundle marked as owned (it takes over from a feature being removed). */
    InstalledFeature takingOver(FeatureBundle bundle) {
        return new InstalledFeature(id, version, label, repository,
                bundles.stream().map(b -> b.sameBundle(bundle) ? b.asOwned() : b).toList());
    }
}
