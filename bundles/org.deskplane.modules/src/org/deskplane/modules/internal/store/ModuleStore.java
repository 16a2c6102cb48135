package org.deskplane.modules.internal.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Pattern;

import org.deskplane.modules.api.ModuleException;
import org.deskplane.modules.api.ModuleStatus;
import org.osgi.framework.Version;

/**
 * The verified modules this host keeps: {@code store/<name>_<version>.jar} with {@code .json} beside it, and
 * {@code staging/} for uploads in progress. A jar enters the store only by an atomic rename of a complete, checked
 * file; its record is written after it, so a jar without a record is an interrupted commit and is removed at start.
 */
public final class ModuleStore {

    private static final Logger LOG = Logger.getLogger(ModuleStore.class.getName());
    /** Bundle symbolic names as OSGi allows them, without path tricks. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.\\-]{0,199}");

    private final Path storeDir;
    private final Path stagingDir;
    private final Map<String, StoredModule> modules = new ConcurrentHashMap<>();

    public ModuleStore(Path root) throws IOException {
        storeDir = Files.createDirectories(root.resolve("store"));
        stagingDir = Files.createDirectories(root.resolve("staging"));
        cleanStaging();
        load();
    }

    public Path stagingDir() {
        return stagingDir;
    }

    public List<StoredModule> all() {
        List<StoredModule> list = new ArrayList<>(modules.values());
        list.sort(Comparator.comparing(StoredModule::symbolicName)
                .thenComparing(m -> Version.parseVersion(m.version()), Comparator.reverseOrder()));
        return list;
    }

    public Optional<StoredModule> find(String symbolicName, String version) {
        return Optional.ofNullable(modules.get(key(symbolicName, canonical(version))));
    }

    public StoredModule require(String symbolicName, String version) {
        return find(symbolicName, version).orElseThrow(() -> new ModuleException(ModuleStatus.NOT_FOUND,
                "module " + symbolicName + " " + version + " is not on this host; upload it first"));
    }

    public List<StoredModule> versionsOf(String symbolicName) {
        return all().stream().filter(m -> m.symbolicName().equals(symbolicName)).toList();
    }

    public Path jar(StoredModule module) {
        return storeDir.resolve(fileBase(module.symbolicName(), module.version()) + ".jar");
    }

    /** Moves a verified staging file into the store and records it; replaces an identical earlier upload. */
    public synchronized StoredModule commit(Path verifiedJar, StoredModule record) throws IOException {
        StoredModule existing = modules.get(key(record.symbolicName(), record.version()));
        if (existing != null && !existing.sha256().equals(record.sha256())) {
            throw new ModuleException(ModuleStatus.CONFLICT, "module " + existing.id()
                    + " is already on this host with other content (SHA-256 " + existing.sha256()
                    + "); a new build needs a new version");
        }
        if (existing != null) {
            Files.deleteIfExists(verifiedJar);
            return existing;
        }
        AtomicFiles.force(verifiedJar);
        AtomicFiles.move(verifiedJar, jar(record));
        save(record);
        return record;
    }

    /** Writes a changed record (state, message). */
    public synchronized void save(StoredModule record) throws IOException {
        Path file = storeDir.resolve(fileBase(record.symbolicName(), record.version()) + ".json");
        AtomicFiles.write(file, Json.MAPPER.writeValueAsBytes(record));
        modules.put(key(record.symbolicName(), record.version()), record);
    }

    public synchronized void delete(StoredModule record) throws IOException {
        String base = fileBase(record.symbolicName(), record.version());
        Files.deleteIfExists(storeDir.resolve(base + ".json"));
        Files.deleteIfExists(storeDir.resolve(base + ".jar"));
        modules.remove(key(record.symbolicName(), record.version()));
    }

    public void update(StoredModule record) {
        try {
            save(record);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot record the state of " + record.id(), e);
        }
    }

    public static void requireName(String symbolicName) {
        if (symbolicName == null || !NAME.matcher(symbolicName).matches()) {
            throw new ModuleException(ModuleStatus.INVALID, "not a bundle symbolic name: " + symbolicName);
        }
    }

    /** The OSGi form of a version ("1.0" → "1.0.0"); INVALID when it does not parse. */
    public static String canonical(String version) {
        try {
            return Version.parseVersion(version == null ? "" : version.trim()).toString();
        } catch (IllegalArgumentException e) {
            throw new ModuleException(ModuleStatus.INVALID, "not an OSGi version: " + version);
        }
    }

    private static String key(String symbolicName, String version) {
        return symbolicName + "/" + version;
    }

    private static String fileBase(String symbolicName, String version) {
        requireName(symbolicName);
        return symbolicName + "_" + canonical(version);
    }

    private void cleanStaging() throws IOException {
        try (DirectoryStream<Path> leftovers = Files.newDirectoryStream(stagingDir)) {
            for (Path file : leftovers) {
                Files.deleteIfExists(file); // an upload that never committed: nothing of it may stay
            }
        }
    }

    private void load() throws IOException {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(storeDir)) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                if (name.startsWith(".")) {
                    Files.deleteIfExists(file); // temporary file of an interrupted write
                } else if (name.endsWith(".json")) {
                    readRecord(file);
                }
            }
        }
        try (DirectoryStream<Path> jars = Files.newDirectoryStream(storeDir, "*.jar")) {
            for (Path jar : jars) {
                String base = jar.getFileName().toString().replaceFirst("\\.jar$", "");
                if (!Files.exists(storeDir.resolve(base + ".json"))) {
                    LOG.warning("module store: removing " + jar + ", whose commit was interrupted");
                    Files.deleteIfExists(jar);
                }
            }
        }
    }

    private void readRecord(Path file) {
        try {
            StoredModule record = Json.MAPPER.readValue(file.toFile(), StoredModule.class);
            if (Files.exists(jar(record))) {
                modules.put(key(record.symbolicName(), record.version()), record);
            } else {
                LOG.warning("module store: " + file + " has no jar; ignoring it");
            }
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.WARNING, "module store: unreadable record " + file + "; ignoring it", e);
        }
    }
}
