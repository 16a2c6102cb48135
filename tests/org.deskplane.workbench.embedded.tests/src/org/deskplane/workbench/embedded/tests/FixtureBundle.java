package org.deskplane.workbench.embedded.tests;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/**
 * A harmless bundle (manifest only, no code) written as a jar, for the install/stop/start round trip. Each
 * run gets its own version, so that an install never clashes with one left over from an earlier run.
 */
record FixtureBundle(Path jar, String symbolicName, String version) {

    static final String SYMBOLIC_NAME = "org.deskplane.workbench.embedded.fixture";

    static FixtureBundle write(Path directory) throws IOException {
        String version = "1.0.0.v" + System.currentTimeMillis();
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.putValue("Bundle-ManifestVersion", "2");
        main.putValue("Bundle-SymbolicName", SYMBOLIC_NAME);
        main.putValue("Bundle-Version", version);
        main.putValue("Bundle-Name", "Deskplane workbench test fixture");
        Files.createDirectories(directory);
        Path jar = directory.resolve(SYMBOLIC_NAME + "_" + version + ".jar");
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream jarOut = new JarOutputStream(out, manifest)) {
            // the manifest is the whole bundle
        }
        return new FixtureBundle(jar, SYMBOLIC_NAME, version);
    }
}
