package org.deskplane.bundles.internal;

import org.osgi.framework.Bundle;

/** Names of the framework's bundle states as the API spells them. */
final class BundleStates {
    private BundleStates() {
    }

    static String name(int state) {
        return switch (state) {
        case Bundle.INSTALLED -> "INSTALLED";
        case Bundle.RESOLVED -> "RESOLVED";
        case Bundle.STARTING -> "STARTING";
        case Bundle.STOPPING -> "STOPPING";
        case Bundle.ACTIVE -> "ACTIVE";
        case Bundle.UNINSTALLED -> "UNINSTALLED";
        default -> "UNKNOWN";
        };
    }
}
