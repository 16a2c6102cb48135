package org.deskplane.bundles.api;

import java.util.List;

/**
 * A feature: the unit in which a capability is installed or removed.
 *
 * @param source   where it came from: {@code "product"} or the p2 repository URI it was installed from
 * @param bundles  symbolic names of the bundles it contributes
 */
public record FeatureInfo(String id, String version, String label, String source, List<String> bundles) {
}
