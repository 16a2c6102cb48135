package org.deskplane.modules.runtime.tests;

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
 * Builds module jars at test time from classes compiled into this test bundle (their bytes are read as
 * resources), with a manifest of our choosing.
 */
final class ModuleJars {

    private final Map<String, String> headers = new LinkedHashMap<>();
    private final Map<String, Class<?>> classes = new LinkedHashMap<>();
    private final Map<String, String> texts = new LinkedHashMap<>();

    static ModuleJars module(String symbolicName, String version) {
        ModuleJars jar = new ModuleJars();
        jar.header("Bundle-ManifestVersion", "2");
        jar.header("Bundle-SymbolicName", symbolicName);
        jar.header("Bundle-Version", version);
        jar.header("Import-Package", "org.osgi.framework;version=\"[1.8,2)\"");
        return jar;
    }

    ModuleJars header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    ModuleJars activator(Class<?> activator) {
        header("Bundle-Activator", activator.getName());
        return add(activator);
    }

    ModuleJars add(Class<?> type) {
        classes.put(type.getName().replace('.', '/') + ".class", type);
        return this;
    }

    /** A text entry, e.g. a component description (test fixture, not a bundle of ours). */
    ModuleJars text(String entry, String content) {
        texts.put(entry, content);
        return this;
    }

    Path write(Path dir) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        headers.forEach((k, v) -> manifest.getMainAttributes().putValue(k, v));
        Path jar = Files.createTempFile(dir, headers.get("Bundle-SymbolicName") + "-", ".jar");
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file, manifest)) {
            for (Map.Entry<String, Class<?>> entry : classes.entrySet()) {
                out.putNextEntry(new JarEntry(entry.getKey()));
                try (InputStream in = entry.getValue().getClassLoader().getResourceAsStream(entry.getKey())) {
                    if (in == null) {
                        throw new IOException("class bytes not found: " + entry.getKey());
                    }
                    in.transferTo(out);
                }
                out.closeEntry();
            }
            for (Map.Entry<String, String> entry : texts.entrySet()) {
                out.putNextEntry(new JarEntry(entry.getKey()));
                out.write(entry.getValue().getBytes(java.nio.charset.StandardCharsets.UTF_8));
                out.closeEntry();
            }
        }
        return jar;
    }
}
