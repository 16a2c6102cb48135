package org.deskplane.layers.api;

/**
 * Places user files of the CVD's layout at another place on an endpoint of another OS layout, e.g.
 * {@code Documents/} → {@code My Documents/}. Prefixes are '/'-separated relative paths; the longest matching
 * prefix wins; a path no rule matches keeps its place.
 */
public record PathMapping(String cvdPrefix, String endpointPrefix) {
}
