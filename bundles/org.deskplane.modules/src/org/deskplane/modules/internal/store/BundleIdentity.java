package org.deskplane.modules.internal.store;

import java.io.IOException;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

import org.deskplane.modules.api.ModuleException;
import org.deskplane.modules.api.ModuleStatus;

/** The symbolic name, version and Deskplane headers of a bundle jar, read from its manifest. */
public record BundleIdentity(String symbolicName, String version, String restartRequest) {

    /** Manifest header by which a module asks for a restart of the VM and/or the host once it is loaded. */
    public static final String RESTART_HEADER = "Deskplane-Module-Restart";

    public static BundleIdentity of(Path jar) {
        try (JarFile file = new JarFile(jar.toFile(), false)) {
            Manifest manifest = file.getManifest();
            if (manifest == null) {
                throw new ModuleException(ModuleStatus.INVALID, "the jar has no manifest: it is not a bundle");
            }
            Attributes main = manifest.getMainAttributes();
            String name = main.getValue("Bundle-SymbolicName");
            if (name == null || name.isBlank()) {
                throw new ModuleException(ModuleStatus.INVALID, "the jar has no Bundle-SymbolicName: it is not a bundle");
            }
            name = name.split(";", 2)[0].trim();
            ModuleStore.requireName(name);
            String version = ModuleStore.canonical(main.getValue("Bundle-Version") == null ? "0.0.0"
                    : main.getValue("Bundle-Version"));
            String restart = main.getValue(RESTART_HEADER);
            return new BundleIdentity(name, version, restart == null ? "" : restart.trim());
        } catch (IOException e) {
            throw new ModuleException(ModuleStatus.INVALID, "not a readable jar: " + e.getMessage(), e);
        }
    }
}
