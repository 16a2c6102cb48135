package org.deskplane.security.internal;

import java.nio.file.Path;
import java.util.function.Function;

/** Where the server keeps its files: property {@code deskplane.data}, default {@code ./data}. */
final class DataDirectory {

    static final String PROPERTY = "deskplane.data";

    private DataDirectory() {
    }

    /**
     * @param properties framework property lookup (e.g. {@code BundleContext::getProperty}, which falls back to
     *                   system properties)
     */
    static Path resolve(Function<String, String> properties, String subFolder) {
        String configured = properties.apply(PROPERTY);
        Path base = configured == null || configured.isBlank()
                ? Path.of(System.getProperty("user.dir"), "data")
                : Path.of(configured);
        return base.toAbsolutePath().normalize().resolve(subFolder);
    }
}
