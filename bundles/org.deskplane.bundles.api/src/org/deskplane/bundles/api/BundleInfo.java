package org.deskplane.bundles.api;

/**
 * A bundle as an administrator sees it.
 *
 * @param state    one of INSTALLED, RESOLVED, STARTING, STOPPING, ACTIVE, UNINSTALLED
 * @param feature  id of the feature that brought it, or empty when installed on its own or by the product
 */
public record BundleInfo(long id, String symbolicName, String version, String state, String location,
        boolean fragment, long lastModified, String feature) {
}
