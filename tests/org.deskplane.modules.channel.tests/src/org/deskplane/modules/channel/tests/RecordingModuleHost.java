package org.deskplane.modules.channel.tests;

import java.io.ByteArrayOutputStream;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

import org.deskplane.modules.api.ModuleException;
import org.deskplane.modules.api.ModuleHost;
import org.deskplane.modules.api.ModuleInfo;
import org.deskplane.modules.api.ModuleRequest;
import org.deskplane.modules.api.ModuleState;
import org.deskplane.modules.api.ModuleStatus;
import org.deskplane.modules.api.QueryResult;
import org.deskplane.modules.api.Registration;
import org.deskplane.modules.api.Requester;
import org.deskplane.modules.api.UploadSession;
import org.deskplane.modules.api.Verb;

/**
 * A module host for the bridge under test: it records who asked what, keeps uploads in memory and checks size and
 * SHA-256 on commit as the real one does, and refuses verbs it is told to deny. (The real host is tested in its own
 * bundle; here the bridge and the guest side are what is tested.)
 */
final class RecordingModuleHost implements ModuleHost {
    final List<Requester> requesters = new CopyOnWriteArrayList<>();
    final List<String> calls = new CopyOnWriteArrayList<>();
    final List<Upload> uploads = new CopyOnWriteArrayList<>();
    final Map<String, ModuleInfo> store = new ConcurrentHashMap<>();
    final Map<Long, ModuleRequest> history = new ConcurrentHashMap<>();
    volatile Verb denied;
    private final AtomicLong ids = new AtomicLong();

    static ModuleInfo module(String name, String version, ModuleState state) {
        return new ModuleInfo(name, version, "00".repeat(32), 100, "CN=Deskplane Test Signer", "ab".repeat(32), state, "",
                Instant.parse("2026-11-22T08:00:00Z"));
    }

    private void check(Requester who, Verb verb, String target) {
        requesters.add(who);
        calls.add(verb + " " + target);
        if (verb == denied) {
            throw new ModuleException(ModuleStatus.DENIED, "policy: VM " + who.vmId() + " may not " + verb + " " + target);
        }
    }

    private ModuleRequest record(Requester who, Verb verb, String target, String message) {
        ModuleRequest r = new ModuleRequest(ids.incrementAndGet(), Instant.now(), who, verb, target, ModuleStatus.OK,
                message, false);
        history.put(r.id(), r);
        return r;
    }

    @Override
    public QueryResult query(Requester requester, String symbolicName, String versionRange) {
        check(requester, Verb.QUERY, symbolicName + " " + versionRange);
        List<ModuleInfo> present = store.values().stream().filter(m -> m.symbolicName().equals(symbolicName)).toList();
        if (present.isEmpty()) {
            return new QueryResult(ModuleStatus.NOT_FOUND, List.of(), List.of());
        }
        // enough of a range for the test: "" matches all, otherwise a version that starts with the range's digit
        List<ModuleInfo> matching = present.stream()
                .filter(m -> versionRange.isEmpty() || versionRange.replaceAll("[^0-9.,]", "").startsWith(m.version().substring(0, 1)))
                .toList();
        List<ModuleInfo> others = present.stream().filter(m -> !matching.contains(m)).toList();
        return new QueryResult(matching.isEmpty() ? ModuleStatus.OTHER_VERSIONS : ModuleStatus.OK, matching, others);
    }

    @Override
    public UploadSession beginUpload(Requester requester, long size, String sha256) {
        check(requester, Verb.UPLOAD, size + " " + sha256);
        Upload u = new Upload("u" + uploads.size(), size, sha256);
        uploads.add(u);
        return u;
    }

    @Override
    public ModuleRequest load(Requester requester, String symbolicName, String version) {
        check(requester, Verb.LOAD, symbolicName + "/" + version);
        ModuleInfo m = store.get(symbolicName + "/" + version);
        if (m == null) {
            throw new ModuleException(ModuleStatus.NOT_FOUND, "no module " + symbolicName + "/" + version + " in the store");
        }
        store.put(m.id(), module(symbolicName, version, ModuleState.LOADED));
        return record(requester, Verb.LOAD, m.id(), "loaded");
    }

    @Override
    public ModuleRequest unload(Requester requester, String symbolicName, String version) {
        check(requester, Verb.UNLOAD, symbolicName + "/" + version);
        return record(requester, Verb.UNLOAD, symbolicName + "/" + version, "unloaded");
    }

    @Override
    public ModuleRequest register(Requester requester, String symbolicName, String version) {
        check(requester, Verb.REGISTER, symbolicName + "/" + version);
        return record(requester, Verb.REGISTER, symbolicName + "/" + version, "registered for image " + requester.image());
    }

    @Override
    public ModuleRequest unregister(Requester requester, String symbolicName, String version) {
        check(requester, Verb.UNREGISTER, symbolicName + "/" + version);
        return record(requester, Verb.UNREGISTER, symbolicName + "/" + version, "unregistered");
    }

    @Override
    public ModuleRequest replace(Requester requester, String symbolicName, String newVersion) {
        check(requester, Verb.REPLACE, symbolicName + "/" + newVersion);
        return record(requester, Verb.REPLACE, symbolicName + "/" + newVersion, "replaced");
    }

    @Override
    public ModuleRequest configure(Requester requester, String pid, String key, String value) {
        check(requester, Verb.CONFIGURE, pid + ":" + key + "=" + value);
        if (!"org.example.scan".equals(pid)) {
            throw new ModuleException(ModuleStatus.NOT_WHITELISTED, pid + "/" + key + " is not on the whitelist");
        }
        return record(requester, Verb.CONFIGURE, pid + ":" + key, "set");
    }

    @Override
    public Optional<ModuleRequest> request(Requester requester, long id) {
        check(requester, Verb.STATUS, Long.toString(id));
        return Optional.ofNullable(history.get(id)).filter(r -> r.requester().vmId().equals(requester.vmId()));
    }

    @Override
    public List<ModuleRequest> requests(String vmId, int limit) {
        return List.copyOf(history.values());
    }

    @Override
    public List<ModuleInfo> modules() {
        return List.copyOf(store.values());
    }

    @Override
    public List<Registration> registrations(String image) {
        return List.of();
    }

    @Override
    public List<ModuleInfo> prepareImage(String image) {
        return List.of();
    }

    @Override
    public void delete(Requester requester, String symbolicName, String version) {
        throw new ModuleException(ModuleStatus.DENIED, "administrator only");
    }

    @Override
    public void clearQuarantine(Requester requester, String symbolicName, String version) {
        throw new ModuleException(ModuleStatus.DENIED, "administrator only");
    }

    @Override
    public Map<String, String> configurationWhitelist() {
        return Map.of("org.example.scan/depth", "how deep to scan");
    }

    /** An upload kept in memory; its fate (committed, closed) is what the tests look at. */
    final class Upload implements UploadSession {
        final String id;
        final long size;
        final String sha256;
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        volatile boolean committed;
        volatile boolean closed;
        /** The module name and version the committed jar gets (the real host reads its manifest). */
        volatile String as = "org.example.scan/1.5.0";

        Upload(String id, long size, String sha256) {
            this.id = id;
            this.size = size;
            this.sha256 = sha256;
        }

        @Override
        public String id() {
            return id;
        }

        @Override
        public synchronized void write(byte[] chunk, int offset, int length) {
            if (closed) {
                throw new ModuleException(ModuleStatus.FAILED, "closed");
            }
            if (bytes.size() + (long) length > size) {
                throw new ModuleException(ModuleStatus.TOO_LARGE, "past the declared size");
            }
            bytes.write(chunk, offset, length);
        }

        @Override
        public long received() {
            return bytes.size();
        }

        @Override
        public synchronized ModuleInfo commit() {
            try {
                if (bytes.size() != size) {
                    throw new ModuleException(ModuleStatus.CHECKSUM_MISMATCH, bytes.size() + " of " + size + " bytes");
                }
                String actual = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes.toByteArray()));
                if (!actual.equals(sha256)) {
                    throw new ModuleException(ModuleStatus.CHECKSUM_MISMATCH, "SHA-256 " + actual + " is not the declared " + sha256);
                }
                committed = true;
                String[] nv = as.split("/");
                ModuleInfo m = new ModuleInfo(nv[0], nv[1], actual, size, "CN=Deskplane Test Signer", "ab".repeat(32),
                        ModuleState.STORED, "", Instant.now());
                store.put(m.id(), m);
                return m;
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            } finally {
                closed = true;
            }
        }

        @Override
        public synchronized void close() {
            closed = true;
        }
    }
}
