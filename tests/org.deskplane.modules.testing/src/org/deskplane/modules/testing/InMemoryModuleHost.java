package org.deskplane.modules.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.jar.Attributes;
import java.util.jar.JarFile;

import org.deskplane.modules.api.ModuleException;
import org.deskplane.modules.api.ModuleHost;
import org.deskplane.modules.api.ModuleInfo;
import org.deskplane.modules.api.ModulePolicies;
import org.deskplane.modules.api.ModuleRequest;
import org.deskplane.modules.api.ModuleState;
import org.deskplane.modules.api.ModuleStatus;
import org.deskplane.modules.api.ModuleTrust;
import org.deskplane.modules.api.QueryResult;
import org.deskplane.modules.api.Registration;
import org.deskplane.modules.api.Requester;
import org.deskplane.modules.api.SignerInfo;
import org.deskplane.modules.api.UploadSession;
import org.deskplane.modules.api.Verb;

/**
 * A module host in memory for client tests: uploads are staged to a temp file and checked for size and SHA-256,
 * verified by the {@link ModuleTrust}, then kept in memory; load/unload only change the state (nothing is installed
 * in a framework). Every verb is recorded in the history; guests are checked against the {@link ModulePolicies}.
 */
public final class InMemoryModuleHost implements ModuleHost {

    /** Largest upload accepted; tests lower it. */
    public volatile long maxUploadBytes = 16L * 1024 * 1024;
    /** Uploads open at once before BUSY; tests lower it. */
    public volatile int maxOpenUploads = 4;

    private final ModuleTrust trust;
    private final ModulePolicies policies;
    private final Map<String, ModuleInfo> store = new LinkedHashMap<>();
    private final List<Registration> registrations = new ArrayList<>();
    private final Deque<ModuleRequest> history = new ConcurrentLinkedDeque<>();
    private final AtomicLong ids = new AtomicLong();
    private final AtomicInteger openUploads = new AtomicInteger();
    private volatile ModuleException nextLoadFailure;

    public InMemoryModuleHost(ModuleTrust trust, ModulePolicies policies) {
        this.trust = trust;
        this.policies = policies;
    }

    // --- test controls

    /** Puts a module straight into the store (no upload), e.g. to show states the host reaches only by running. */
    public synchronized void put(ModuleInfo module) {
        store.put(module.id(), module);
    }

    /** The next load fails with this (ACTIVATION_FAILED, ACTIVATION_TIMEOUT …); a timeout quarantines. */
    public void failNextLoad(ModuleStatus status, String message) {
        nextLoadFailure = new ModuleException(status, message);
    }

    public synchronized int storedCount() {
        return store.size();
    }

    public int openUploads() {
        return openUploads.get();
    }

    // --- ModuleHost

    @Override
    public synchronized QueryResult query(Requester requester, String symbolicName, String versionRange) {
        List<ModuleInfo> all = store.values().stream().filter(m -> m.symbolicName().equals(symbolicName)).toList();
        List<ModuleInfo> matching = all.stream().filter(m -> versionRange == null || versionRange.isBlank()
                || m.version().equals(versionRange)).toList();
        ModuleStatus status = all.isEmpty() ? ModuleStatus.NOT_FOUND
                : matching.isEmpty() ? ModuleStatus.OTHER_VERSIONS : ModuleStatus.OK;
        record(requester, Verb.QUERY, symbolicName + " " + versionRange, status, "");
        return new QueryResult(status, matching, all.stream().filter(m -> !matching.contains(m)).toList());
    }

    @Override
    public UploadSession beginUpload(Requester requester, long size, String sha256) {
        allowed(requester, Verb.UPLOAD, null, "upload");
        if (size <= 0 || sha256 == null || !sha256.matches("[0-9a-f]{64}")) {
            throw fail(requester, Verb.UPLOAD, "upload", ModuleStatus.INVALID, "size > 0 and a hex SHA-256 are needed");
        }
        if (size > maxUploadBytes) {
            throw fail(requester, Verb.UPLOAD, "upload", ModuleStatus.TOO_LARGE,
                    size + " bytes is more than the " + maxUploadBytes + " this host accepts");
        }
        if (openUploads.incrementAndGet() > maxOpenUploads) {
            openUploads.decrementAndGet();
            throw fail(requester, Verb.UPLOAD, "upload", ModuleStatus.BUSY, "too many uploads at once");
        }
        try {
            return new Session(requester, size, sha256, Files.createTempFile("in-memory-module-", ".jar"));
        } catch (IOException e) {
            openUploads.decrementAndGet();
            throw new ModuleException(ModuleStatus.FAILED, "cannot stage: " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized ModuleRequest load(Requester requester, String symbolicName, String version) {
        ModuleInfo module = stored(requester, Verb.LOAD, symbolicName, version);
        if (module.state() == ModuleState.QUARANTINED) {
            throw fail(requester, Verb.LOAD, module.id(), ModuleStatus.CONFLICT,
                    module.id() + " is quarantined: " + module.message());
        }
        ModuleException failure = nextLoadFailure;
        nextLoadFailure = null;
        if (failure != null) {
            ModuleState state = failure.status() == ModuleStatus.ACTIVATION_TIMEOUT ? ModuleState.QUARANTINED
                    : ModuleState.FAILED;
            store.put(module.id(), with(module, state, failure.getMessage()));
            throw fail(requester, Verb.LOAD, module.id(), failure.status(), failure.getMessage());
        }
        store.put(module.id(), with(module, ModuleState.LOADED, ""));
        return record(requester, Verb.LOAD, module.id(), ModuleStatus.OK, "loaded");
    }

    @Override
    public synchronized ModuleRequest unload(Requester requester, String symbolicName, String version) {
        ModuleInfo module = stored(requester, Verb.UNLOAD, symbolicName, version);
        if (module.state() != ModuleState.LOADED) {
            throw fail(requester, Verb.UNLOAD, module.id(), ModuleStatus.CONFLICT, module.id() + " is not loaded");
        }
        store.put(module.id(), with(module, ModuleState.STORED, ""));
        return record(requester, Verb.UNLOAD, module.id(), ModuleStatus.OK, "unloaded");
    }

    @Override
    public synchronized ModuleRequest register(Requester requester, String symbolicName, String version) {
        ModuleInfo module = stored(requester, Verb.REGISTER, symbolicName, version);
        if (requester.image().isEmpty()) {
            throw fail(requester, Verb.REGISTER, module.id(), ModuleStatus.INVALID, "no VM image to register for");
        }
        boolean known = registrations.stream().anyMatch(r -> r.image().equals(requester.image())
                && r.symbolicName().equals(symbolicName) && r.version().equals(version));
        if (!known) {
            registrations.add(new Registration(requester.image(), symbolicName, version, requester.user(),
                    Instant.now()));
        }
        return record(requester, Verb.REGISTER, module.id(), ModuleStatus.OK, "registered for " + requester.image());
    }

    @Override
    public synchronized ModuleRequest unregister(Requester requester, String symbolicName, String version) {
        allowed(requester, Verb.UNREGISTER, symbolicName, symbolicName + "/" + version);
        boolean removed = registrations.removeIf(r -> r.image().equals(requester.image())
                && r.symbolicName().equals(symbolicName) && r.version().equals(version));
        if (!removed) {
            throw fail(requester, Verb.UNREGISTER, symbolicName + "/" + version, ModuleStatus.NOT_FOUND,
                    symbolicName + "/" + version + " is not registered for " + requester.image());
        }
        return record(requester, Verb.UNREGISTER, symbolicName + "/" + version, ModuleStatus.OK, "");
    }

    @Override
    public synchronized ModuleRequest replace(Requester requester, String symbolicName, String newVersion) {
        ModuleInfo replacement = stored(requester, Verb.REPLACE, symbolicName, newVersion);
        List<ModuleInfo> loaded = store.values().stream().filter(m -> m.symbolicName().equals(symbolicName)
                && m.state() == ModuleState.LOADED && !m.version().equals(newVersion)).toList();
        if (loaded.isEmpty()) {
            throw fail(requester, Verb.REPLACE, replacement.id(), ModuleStatus.CONFLICT,
                    "no other version of " + symbolicName + " is loaded");
        }
        for (ModuleInfo old : loaded) {
            store.put(old.id(), with(old, ModuleState.STORED, ""));
            registrations.replaceAll(r -> r.symbolicName().equals(symbolicName) && r.version().equals(old.version())
                    ? new Registration(r.image(), symbolicName, newVersion, r.registeredBy(), r.time()) : r);
        }
        store.put(replacement.id(), with(replacement, ModuleState.LOADED, ""));
        return record(requester, Verb.REPLACE, replacement.id(), ModuleStatus.OK, "replaced " + loaded.size());
    }

    @Override
    public ModuleRequest configure(Requester requester, String pid, String key, String value) {
        String setting = pid + "/" + key;
        if (!configurationWhitelist().containsKey(setting)) {
            throw fail(requester, Verb.CONFIGURE, setting, ModuleStatus.NOT_WHITELISTED, setting + " is not whitelisted");
        }
        return record(requester, Verb.CONFIGURE, setting, ModuleStatus.OK, "");
    }

    @Override
    public Optional<ModuleRequest> request(Requester requester, long id) {
        return history.stream().filter(r -> r.id() == id && (requester.admin()
                || r.requester().vmId().equals(requester.vmId()))).findFirst();
    }

    @Override
    public List<ModuleRequest> requests(String vmId, int limit) {
        return history.stream().filter(r -> vmId == null || r.requester().vmId().equals(vmId)).limit(limit)
                .toList();
    }

    @Override
    public synchronized List<ModuleInfo> modules() {
        return store.values().stream().sorted(Comparator.comparing(ModuleInfo::symbolicName)
                .thenComparing(ModuleInfo::version)).toList();
    }

    @Override
    public synchronized List<Registration> registrations(String image) {
        return registrations.stream().filter(r -> image == null || r.image().equals(image)).toList();
    }

    @Override
    public synchronized List<ModuleInfo> prepareImage(String image) {
        List<ModuleInfo> loaded = new ArrayList<>();
        for (Registration r : registrations(image)) {
            ModuleInfo m = store.get(r.symbolicName() + "/" + r.version());
            if (m != null && m.state() != ModuleState.LOADED) {
                store.put(m.id(), with(m, ModuleState.LOADED, ""));
                loaded.add(store.get(m.id()));
            }
        }
        return loaded;
    }

    @Override
    public synchronized void delete(Requester requester, String symbolicName, String version) {
        ModuleInfo module = stored(requester, Verb.UNLOAD, symbolicName, version);
        if (module.state() == ModuleState.LOADED || registrations.stream().anyMatch(r -> r.symbolicName()
                .equals(symbolicName) && r.version().equals(version))) {
            throw fail(requester, Verb.UNLOAD, module.id(), ModuleStatus.CONFLICT,
                    module.id() + " is loaded or registered; unload and unregister it first");
        }
        store.remove(module.id());
    }

    @Override
    public synchronized void clearQuarantine(Requester requester, String symbolicName, String version) {
        ModuleInfo module = stored(requester, Verb.LOAD, symbolicName, version);
        if (module.state() != ModuleState.QUARANTINED) {
            throw fail(requester, Verb.LOAD, module.id(), ModuleStatus.CONFLICT, module.id() + " is not quarantined");
        }
        store.put(module.id(), with(module, ModuleState.STORED, ""));
    }

    @Override
    public Map<String, String> configurationWhitelist() {
        return Map.of("org.deskplane.sample.scan/maxFileMiB", "largest file the scanner reads, MiB");
    }

    // --- inside

    private ModuleInfo stored(Requester requester, Verb verb, String name, String version) {
        allowed(requester, verb, name, name + "/" + version);
        ModuleInfo module = store.get(name + "/" + version);
        if (module == null) {
            throw fail(requester, verb, name + "/" + version, ModuleStatus.NOT_FOUND,
                    "no module " + name + "/" + version + " in the store");
        }
        return module;
    }

    private void allowed(Requester requester, Verb verb, String name, String target) {
        if (!requester.admin()) {
            String reason = policies.deniedReason(requester, verb, name, null);
            if (reason != null) {
                throw fail(requester, verb, target, ModuleStatus.DENIED, reason);
            }
        }
    }

    private ModuleException fail(Requester requester, Verb verb, String target, ModuleStatus status, String message) {
        record(requester, verb, target, status, message);
        return new ModuleException(status, message);
    }

    private ModuleRequest record(Requester requester, Verb verb, String target, ModuleStatus status, String message) {
        ModuleRequest request = new ModuleRequest(ids.incrementAndGet(), Instant.now(), requester, verb, target,
                status, message, false);
        history.addFirst(request);
        return request;
    }

    private static ModuleInfo with(ModuleInfo m, ModuleState state, String message) {
        return new ModuleInfo(m.symbolicName(), m.version(), m.sha256(), m.size(), m.signer(), m.signerSha256(),
                state, message, m.storedAt());
    }

    private synchronized ModuleInfo commit(Requester requester, Path staged, long size, String sha256) {
        SignerInfo signer;
        String name;
        String version;
        try {
            signer = trust.verify(staged);
            try (JarFile jar = new JarFile(staged.toFile())) {
                Attributes main = jar.getManifest().getMainAttributes();
                name = main.getValue("Bundle-SymbolicName").split(";", 2)[0].strip();
                String v = main.getValue("Bundle-Version");
                version = v == null ? "0.0.0" : v.strip();
            }
        } catch (ModuleException e) {
            throw fail(requester, Verb.UPLOAD, "upload", e.status(), e.getMessage());
        } catch (IOException | RuntimeException e) {
            throw fail(requester, Verb.UPLOAD, "upload", ModuleStatus.INVALID, "not a bundle: " + e.getMessage());
        }
        ModuleInfo info = new ModuleInfo(name, version, sha256, size, signer.subject(), signer.sha256(),
                ModuleState.STORED, "", Instant.now());
        store.put(info.id(), info);
        record(requester, Verb.UPLOAD, info.id(), ModuleStatus.OK, "stored");
        return info;
    }

    /** One upload: bytes go to a staging file; commit checks size and hash before anything reaches the store. */
    private final class Session implements UploadSession {

        private final String id = UUID.randomUUID().toString();
        private final Requester requester;
        private final long size;
        private final String sha256;
        private final Path staging;
        private final OutputStream out;
        private final MessageDigest digest;
        private long received;
        private boolean closed;

        Session(Requester requester, long size, String sha256, Path staging) throws IOException {
            this.requester = requester;
            this.size = size;
            this.sha256 = sha256;
            this.staging = staging;
            this.out = Files.newOutputStream(staging);
            try {
                this.digest = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public String id() {
            return id;
        }

        @Override
        public synchronized void write(byte[] chunk, int offset, int length) {
            if (closed) {
                throw new ModuleException(ModuleStatus.INVALID, "the upload is closed");
            }
            if (received + length > size) {
                close();
                throw fail(requester, Verb.UPLOAD, "upload", ModuleStatus.TOO_LARGE,
                        "more bytes than the declared " + size);
            }
            try {
                out.write(chunk, offset, length);
            } catch (IOException e) {
                close();
                throw new ModuleException(ModuleStatus.FAILED, e.getMessage(), e);
            }
            digest.update(chunk, offset, length);
            received += length;
        }

        @Override
        public synchronized long received() {
            return received;
        }

        @Override
        public synchronized ModuleInfo commit() {
            try {
                out.close();
                String actual = HexFormat.of().formatHex(digest.digest());
                if (received != size || !actual.equals(sha256)) {
                    throw fail(requester, Verb.UPLOAD, "upload", ModuleStatus.CHECKSUM_MISMATCH, "received " + received
                            + " bytes with SHA-256 " + actual + ", declared " + size + " bytes with " + sha256);
                }
                return InMemoryModuleHost.this.commit(requester, staging, size, sha256);
            } catch (IOException e) {
                throw new ModuleException(ModuleStatus.FAILED, e.getMessage(), e);
            } finally {
                close();
            }
        }

        @Override
        public synchronized void close() {
            if (closed) {
                return;
            }
            closed = true;
            openUploads.decrementAndGet();
            try {
                out.close();
                Files.deleteIfExists(staging);
            } catch (IOException e) {
                // a temp file left behind is harmless in a test
            }
        }
    }
}
