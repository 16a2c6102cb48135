package org.deskplane.bundles.internal;

import java.nio.file.Path;

import org.osgi.framework.BundleContext;

/** Where Deskplane keeps its files: framework/system property {@code deskplane.data}, default ./data. */
final class DataDirectory {
    static final String PROPERTY = "deskplane.data";

    private DataDirectory() {
    }

    static Path resolve(BundleContext context) {
        String configured = context.getProperty(PROPERTY);
        Path base = Path.of(System.getProperty("user.dir"));
        return base.resolve(configured == null || configured.isBlank() ? "data" : configured).toAbsolutePath()
                .normalize();
    }
}
