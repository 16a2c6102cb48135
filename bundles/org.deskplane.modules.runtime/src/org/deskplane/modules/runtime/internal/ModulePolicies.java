package org.deskplane.modules.runtime.internal;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.osgi.framework.Bundle;

/** Builds each module's {@link ModulePolicy} from the configuration and the data directory. */
final class ModulePolicies {

    private final Path dataArea;
    private final Map<String, List<Path>> readRoots;
    private final Set<String> execAllowed;

    ModulePolicies(Path dataArea, String[] grantedReadRoots, String[] execAllowed) {
        this.dataArea = dataArea;
        this.readRoots = parseRoots(grantedReadRoots);
        this.execAllowed = Set.of(trimmed(execAllowed));
    }

    /** {@code ${deskplane.data}/modules/data}, resolved the way the server resolves its data directory. */
    static Path dataArea(String deskplaneData) {
        Path data = Path.of(deskplaneData == null || deskplaneData.isBlank() ? "data" : deskplaneData);
        return data.toAbsolutePath().normalize().resolve("modules").resolve("data");
    }

    Path dataDir(String symbolicName) {
        return dataArea.resolve(symbolicName);
    }

    ModulePolicy policy(Bundle bundle) {
        String name = bundle.getSymbolicName();
        List<Path> writes = new ArrayList<>();
        writes.add(dataDir(name));
        File storage = bundle.getDataFile(""); // the module's OSGi storage area (BundleContext.getDataFile)
        if (storage != null) {
            writes.add(storage.toPath());
        }
        List<Path> reads = new ArrayList<>(writes);
        reads.addAll(readRoots.getOrDefault(name, List.of()));
        return new ModulePolicy(name, writes, reads, execAllowed.contains(name));
    }

    private static Map<String, List<Path>> parseRoots(String[] entries) {
        Map<String, List<Path>> roots = new HashMap<>();
        for (String entry : trimmed(entries)) {
            int eq = entry.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("grantedReadRoots entry is not <symbolicName>=<dir>: " + entry);
            }
            List<Path> list = roots.computeIfAbsent(entry.substring(0, eq).trim(), k -> new ArrayList<>());
            for (String dir : entry.substring(eq + 1).split(",")) {
                if (!dir.isBlank()) {
                    list.add(Path.of(dir.trim()).toAbsolutePath().normalize());
                }
            }
        }
        return roots;
    }

    private static String[] trimmed(String[] values) {
        return values == null ? new String[0]
                : java.util.Arrays.stream(values).map(String::trim).filter(v -> !v.isEmpty()).toArray(String[]::new);
    }
}
