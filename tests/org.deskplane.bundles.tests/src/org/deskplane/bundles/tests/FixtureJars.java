package org.deskplane.bundles.tests;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/** Writes small bundle jars for the tests: a manifest and a text resource that names the version. */
final class FixtureJars {
    static final String NAME = "org.deskplane.test.fixture";
    static final String RESOURCE = "fixture.txt";

    private FixtureJars() {
    }

    static Path bundle(Path dir, String symbolicName, String version) throws IOException {
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.putValue("Bundle-ManifestVersion", "2");
        main.putValue("Bundle-SymbolicName", symbolicName);
        main.putValue("Bundle-Version", version);
        return write(dir.resolve(symbolicName + "-" + version + ".jar"), manifest, version);
    }

    /** A jar that is fine as a jar but has no OSGi headers. */
    static Path plainJar(Path dir) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        return write(dir.resolve("plain.jar"), manifest, "plain");
    }

    private static Path write(Path file, Manifest manifest, String content) throws IOException {
        try (OutputStream out = Files.newOutputStream(file); JarOutputStream jar = new JarOutputStream(out, manifest)) {
            jar.putNextEntry(new JarEntry(RESOURCE));
            jar.write(content.getBytes(StandardCharsets.UTF_8));
            jar.closeEntry();
        }
        return file;
    }
}
