package org.deskplane.modules.internal;

import java.nio.file.Path;

import org.osgi.framework.BundleContext;

/** {@code ${deskplane.data}/modules}, with {@code ./data} when the property is not set. */
public final class DataDirectory {

    private DataDirectory() {
    }

    public static Path modules(BundleContext context) {
        String data = context.getProperty("deskplane.data");
        Path base = data == null || data.isBlank() ? Path.of(System.getProperty("user.dir"), "data") : Path.of(data);
        return base.toAbsolutePath().resolve("modules");
    }
}
