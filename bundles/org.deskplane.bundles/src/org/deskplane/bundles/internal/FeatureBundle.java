package org.deskplane.bundles.internal;

/**
 * One bundle of an installed feature.
 *
 * @param owned true when the bundle is on the framework because of a feature (this one, or one uninstalled
 *              since that handed it over), so uninstalling the last feature that lists it removes it; false when
 *              it was there before (product or installed on its own)
 */
record FeatureBundle(String symbolicName, String version, boolean owned) {

    boolean sameBundle(FeatureBundle other) {
        return symbolicName.equals(other.symbolicName) && version.equals(other.version);
    }

    FeatureBundle asOwned() {
        return new FeatureBundle(symbolicName, version, true);
    }
}
