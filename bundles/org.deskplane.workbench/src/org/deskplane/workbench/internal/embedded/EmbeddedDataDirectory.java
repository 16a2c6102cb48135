package org.deskplane.workbench.internal.embedded;

import java.nio.file.Path;
import java.util.function.Function;

/**
 * Where the embedded service bundles keep their files. They read framework/system property
 * {@value #PROPERTY} like on the server (default there: {@code ./data}); the workbench's default is the
 * user's {@code ~/.deskplane/embedded}, so that a workbench started from any folder finds the same data.
 */
final class EmbeddedDataDirectory {

    static final String PROPERTY = "deskplane.data";

    private EmbeddedDataDirectory() {
    }

    /**
     * @param properties framework property lookup (falls back to system properties)
     * @param userHome   the user's home folder
     * @return the configured folder, or the default when none is configured; absolute
     */
    static Path choose(Function<String, String> properties, String userHome) {
        String configured = properties.apply(PROPERTY);
        if (configured != null && !configured.isBlank()) {
            return Path.of(System.getProperty("user.dir")).resolve(configured.trim()).toAbsolutePath().normalize();
        }
        return Path.of(userHome, ".deskplane", "embedded").toAbsolutePath().normalize();
    }
}
