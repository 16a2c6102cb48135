package org.deskplane.bundles.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.regex.Pattern;

import org.deskplane.bundles.api.BundleOperationException;
import org.deskplane.bundles.api.BundleOperationException.Kind;
import org.osgi.framework.Constants;
import org.osgi.framework.Version;

/** Reads the identity of a bundle from a jar's manifest; anything that is not an OSGi bundle is INVALID. */
final class BundleJarInspector {
    // symbolic names become file names and log lines: keep them to what OSGi allows in practice
    private static final Pattern SYMBOLIC_NAME = Pattern.compile("[A-Za-z0-9_.-]{1,255}");

    private BundleJarInspector() {
    }

    static BundleJar inspect(Path jar) {
        Manifest manifest;
        // JarFile checks signatures lazily and bounds nothing itself, but the jar size was bounded on copy
        try (JarFile file = new JarFile(jar.toFile(), false)) {
            manifest = file.getManifest();
        } catch (IOException | SecurityException e) {
            throw new BundleOperationException(Kind.INVALID, "not a jar file: " + e.getMessage(), e);
        }
        if (manifest == null) {
            throw new BundleOperationException(Kind.INVALID, "the jar has no META-INF/MANIFEST.MF: not an OSGi bundle");
        }
        Attributes main = manifest.getMainAttributes();
        String nameHeader = main.getValue(Constants.BUNDLE_SYMBOLICNAME);
        if (nameHeader == null || nameHeader.isBlank()) {
            throw new BundleOperationException(Kind.INVALID,
                    "the jar's manifest has no Bundle-SymbolicName: not an OSGi bundle");
        }
        String name = nameHeader.split(";", 2)[0].trim();
        if (!SYMBOLIC_NAME.matcher(name).matches()) {
            throw new BundleOperationException(Kind.INVALID, "unusable Bundle-SymbolicName: " + name);
        }
        Version version;
        try {
            version = Version.parseVersion(main.getValue(Constants.BUNDLE_VERSION));
        } catch (IllegalArgumentException e) {
            throw new BundleOperationException(Kind.INVALID, "invalid Bundle-Version: " + e.getMessage(), e);
        }
        boolean fragment = main.getValue(Constants.FRAGMENT_HOST) != null;
        return new BundleJar(jar, name, version.toString(), fragment);
    }
}
