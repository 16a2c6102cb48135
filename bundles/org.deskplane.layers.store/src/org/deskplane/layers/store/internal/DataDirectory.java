package org.deskplane.layers.store.internal;

import java.nio.file.Path;

/** Where the server keeps its files: the {@code deskplane.data} property, else {@code ./data} under user.dir. */
final class DataDirectory {

    static final String PROPERTY = "deskplane.data";

    private DataDirectory() {
    }

    static Path resolve(String configured) {
        Path base = Path.of(System.getProperty("user.dir"));
        String value = configured == null || configured.isBlank() ? "data" : configured.trim();
        return base.resolve(value).toAbsolutePath().normalize();
    }
}
