package org.deskplane.modules.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/**
 * Builds a module bundle jar: a manifest and classes taken from the calling test bundle (so a test can turn any of
 * its classes into a separate module), plus plain resources.
 */
public final class ModuleJar {

    private final Map<String, String> headers = new LinkedHashMap<>();
    private final Map<String, byte[]> entries = new LinkedHashMap<>();

    public ModuleJar(String symbolicName, String version) {
        headers.put("Bundle-ManifestVersion", "2");
        headers.put("Bundle-SymbolicName", symbolicName);
        headers.put("Bundle-Version", version);
    }

    public ModuleJar header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    /** Adds the class file of {@code type} (read from its own class loader) under its package path. */
    public ModuleJar withClass(Class<?> type) throws IOException {
        String path = type.getName().replace('.', '/') + ".class";
        try (InputStream in = type.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IOException("class file not found: " + path);
            }
            entries.put(path, in.readAllBytes());
        }
        return this;
    }

    public ModuleJar withResource(String path, byte[] content) {
        entries.put(path, content.clone());
        return this;
    }

    /** Pads the jar with an incompressible resource of {@code bytes} (for size benchmarks and limits). */
    public ModuleJar withPadding(int bytes, long seed) {
        byte[] noise = new byte[bytes];
        new java.util.Random(seed).nextBytes(noise);
        return withResource("padding/noise.bin", noise);
    }

    public Path writeTo(Path file) throws IOException {
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        headers.forEach((name, value) -> main.put(new Attributes.Name(name), value));
        Files.createDirectories(file.toAbsolutePath().getParent());
        try (OutputStream out = Files.newOutputStream(file); JarOutputStream jar = new JarOutputStream(out, manifest)) {
            for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
                addDirectories(jar, entry.getKey());
                jar.putNextEntry(new JarEntry(entry.getKey()));
                jar.write(entry.getValue());
                jar.closeEntry();
            }
        }
        return file;
    }

    private final java.util.Set<String> directories = new java.util.HashSet<>();

    private void addDirectories(JarOutputStream jar, String path) throws IOException {
        int slash = path.indexOf('/');
        while (slash > 0) {
            String dir = path.substring(0, slash + 1);
            if (directories.add(dir)) {
                jar.putNextEntry(new JarEntry(dir));
                jar.closeEntry();
            }
            slash = path.indexOf('/', slash + 1);
        }
    }
}
