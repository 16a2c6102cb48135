package org.deskplane.layers.client.internal;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

import org.deskplane.layers.api.Layer;
import org.deskplane.layers.chunking.LayerClassifier;

/**
 * The endpoint's settings, from {@code deskplane.layers.*} framework properties (the agent's launcher passes them).
 * Without {@code deskplane.layers.server} the client stays idle.
 */
record ClientSettings(URI server, String user, char[] password, String fingerprint, String endpointId, String cvdId,
        Path root, String osFamily, String osRelease, Map<String, String> hardware, long freeBytes, Path rulesFile,
        List<String> exclusions, int maxEntries, int maxConflictCopies, int periodSeconds, Path stateDir, long cacheBytes,
        int controlPort) {

    static final String PREFIX = "deskplane.layers.";

    /** A built-in layout of a Linux endpoint: what belongs to which layer. */
    static final List<String> LINUX_RULES = List.of(
            "proc = EXCLUDE", "sys = EXCLUDE", "dev = EXCLUDE", "run = EXCLUDE", "tmp = EXCLUDE", "mnt = EXCLUDE",
            "media = EXCLUDE", "lost+found = EXCLUDE", "var/tmp = EXCLUDE", "var/cache = EXCLUDE",
            "etc/machine-id = MACHINE_IDENTITY", "etc/hostname = MACHINE_IDENTITY", "etc/ssh/ssh_host_* = MACHINE_IDENTITY",
            "var/lib/dbus/machine-id = MACHINE_IDENTITY",
            "lib/modules/** = DRIVERS", "lib/firmware/** = DRIVERS", "usr/lib/modules/** = DRIVERS", "usr/lib/firmware/** = DRIVERS",
            "home/*/.* = PROFILE", "home/*/.*/** = PROFILE", "home/*/** = USER_FILES",
            "opt/** = APPLICATIONS", "usr/local/** = APPLICATIONS");

    /** Never part of any layer: the client's own temporary files. */
    static final List<String> ALWAYS_EXCLUDED = List.of("**/.deskplane-*.part");

    /**
     * Reads the settings from the framework properties, or from the properties file that
     * {@code deskplane.layers.config} names (same keys; the file wins), which is easier to provision than
     * command-line options.
     */
    static Optional<ClientSettings> from(Function<String, String> framework, Path dataDir) throws IOException {
        Function<String, String> property = framework;
        String config = framework.apply(PREFIX + "config");
        if (config != null && !config.isBlank()) {
            java.util.Properties file = new java.util.Properties();
            try (var in = Files.newBufferedReader(Path.of(config), StandardCharsets.UTF_8)) {
                file.load(in);
            }
            property = key -> file.getProperty(key, framework.apply(key));
        }
        String server = property.apply(PREFIX + "server");
        if (server == null || server.isBlank()) {
            return Optional.empty();
        }
        String cvd = required(property, "cvd");
        String user = required(property, "user");
        Path passwordFile = Path.of(required(property, "passwordFile"));
        char[] password = Files.readString(passwordFile, StandardCharsets.UTF_8).strip().toCharArray();
        String endpoint = or(property, "endpoint", hostname());
        Path root = Path.of(or(property, "root", "/")).toAbsolutePath().normalize();
        String rules = property.apply(PREFIX + "rules");
        // what the endpoint reports as free decides cache mode on the server; overridable to provision small devices
        long free = Long.parseLong(or(property, "freeBytes", Long.toString(readFreeBytes(root))));
        return Optional.of(new ClientSettings(URI.create(server), user, password, or(property, "fingerprint", ""), endpoint, cvd,
                root, or(property, "os", "linux"), or(property, "osRelease", readOsRelease()), readHardware(property), free,
                rules == null ? null : Path.of(rules), ALWAYS_EXCLUDED, Integer.parseInt(or(property, "maxEntries", "2000000")),
                Integer.parseInt(or(property, "maxConflictCopies", "5")), Integer.parseInt(or(property, "periodSeconds", "10")),
                dataDir.resolve("layers"), Long.parseLong(or(property, "cacheBytes", Long.toString(Math.max(0, free / 2)))),
                Integer.parseInt(or(property, "controlPort", "8633"))));
    }

    /** A fresh classifier (callers add exclusions to it). */
    LayerClassifier classifier() throws IOException {
        List<String> lines = rulesFile == null ? LINUX_RULES : Files.readAllLines(rulesFile, StandardCharsets.UTF_8);
        return LayerClassifier.parse(lines, rulesFile == null ? Optional.of(Layer.BASE_OS) : Optional.empty());
    }

    private static String required(Function<String, String> property, String name) {
        String value = property.apply(PREFIX + name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("the layer sync client needs " + PREFIX + name + " when " + PREFIX + "server is set");
        }
        return value;
    }

    private static String or(Function<String, String> property, String name, String fallback) {
        String value = property.apply(PREFIX + name);
        return value == null || value.isBlank() ? fallback : value;
    }

    private static String hostname() {
        try {
            return Files.readString(Path.of("/etc/hostname")).strip();
        } catch (IOException e) {
            return "endpoint";
        }
    }

    private static String readOsRelease() {
        try {
            Map<String, String> release = new TreeMap<>();
            for (String line : Files.readAllLines(Path.of("/etc/os-release"))) {
                int eq = line.indexOf('=');
                if (eq > 0) {
                    release.put(line.substring(0, eq), line.substring(eq + 1).replace("\"", ""));
                }
            }
            return release.getOrDefault("ID", "linux") + "-" + release.getOrDefault("VERSION_ID", "");
        } catch (IOException e) {
            return "unknown";
        }
    }

    /** DMI facts and PCI ids, as the binding rules match them; {@code deskplane.layers.hw.*} properties override. */
    private static Map<String, String> readHardware(Function<String, String> property) {
        Map<String, String> facts = new TreeMap<>();
        for (String name : List.of("sys_vendor", "product_name", "board_vendor", "board_name", "chassis_type")) {
            try {
                facts.put("dmi." + name, Files.readString(Path.of("/sys/class/dmi/id", name)).strip());
            } catch (IOException e) {
                // a machine without that DMI field
            }
        }
        try (var devices = Files.list(Path.of("/sys/bus/pci/devices"))) {
            devices.limit(256).forEach(d -> {
                try {
                    String vendor = Files.readString(d.resolve("vendor")).strip().replace("0x", "");
                    String device = Files.readString(d.resolve("device")).strip().replace("0x", "");
                    facts.put("pci." + d.getFileName(), vendor + ":" + device);
                } catch (IOException e) {
                    // skip a device we cannot read
                }
            });
        } catch (IOException e) {
            // no PCI bus visible
        }
        for (String key : List.of("dmi.sys_vendor", "dmi.product_name")) {
            String override = property.apply(PREFIX + "hw." + key);
            if (override != null) {
                facts.put(key, override);
            }
        }
        return facts;
    }

    private static long readFreeBytes(Path root) {
        try {
            return Files.getFileStore(root).getUsableSpace();
        } catch (IOException e) {
            return -1;
        }
    }
}
