package org.deskplane.layers.store.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.deskplane.layers.api.Cvd;
import org.deskplane.layers.api.CvdConflictException;
import org.deskplane.layers.api.CvdStore;
import org.deskplane.layers.api.CvdVersion;
import org.deskplane.layers.api.FencedException;
import org.deskplane.layers.api.FileEntry;
import org.deskplane.layers.api.GcReport;
import org.deskplane.layers.api.Layer;
import org.deskplane.layers.api.LayerException;
import org.deskplane.layers.api.LayerManifest;
import org.deskplane.layers.api.MissingChunksException;
import org.deskplane.layers.api.PublishRequest;
import org.deskplane.layers.api.StoreStats;
import org.deskplane.layers.api.VerifyReport;

/**
 * The CVD store on a local folder: {@code chunks/}, {@code manifests/}, {@code cvds/<id>/}, {@code tmp/} (temp files,
 * emptied at every start) and {@code corrupt/} (chunks that failed their hash, moved aside so that an uploader that
 * still has them puts them again). Plain Java (no OSGi), so that a test can run it in a child JVM and kill it.
 */
public final class FileCvdStore implements CvdStore {

    private final Path root;
    private final StoreSettings settings;
    private final Clock clock;
    private final AtomicFiles atomic;
    private final ChunkFiles chunks;
    private final IncomingChunks incoming;
    private final ManifestFiles manifests;
    private final CollectionGuard guard = new CollectionGuard();
    private final Map<String, CvdDirectory> cvds = new ConcurrentHashMap<>();
    private final Object creation = new Object();
    private final Object[] putStripes = stripes(64);
    private final List<String> openingProblems = new ArrayList<>();
    private final AtomicLong chunkCount = new AtomicLong();
    private final AtomicLong storedBytes = new AtomicLong();
    private final GarbageCollector collector;

    /** Opens (creating if needed) the store under {@code root} and recovers from a crash. */
    public FileCvdStore(Path root, StoreSettings settings, Clock clock) throws IOException {
        this.root = root;
        this.settings = settings;
        this.clock = clock;
        this.atomic = new AtomicFiles(root.resolve("tmp"));
        atomic.clean();
        this.chunks = new ChunkFiles(root.resolve("chunks"), atomic);
        this.incoming = new IncomingChunks(new ChunkFiles(root.resolve("incoming"), atomic), chunks, this::putStripe,
                this::intactOrDiscarded);
        this.manifests = new ManifestFiles(root.resolve("manifests"), atomic);
        Files.createDirectories(root.resolve("cvds"));
        try (var folders = Files.list(root.resolve("cvds"))) {
            for (Path folder : (Iterable<Path>) folders::iterator) {
                CvdDirectory.open(folder, atomic, manifests, openingProblems).ifPresent(c -> cvds.put(c.id(), c));
            }
        }
        for (ChunkFiles folder : List.of(chunks, incoming.files())) {
            folder.forEach(stored -> {
                chunkCount.incrementAndGet();
                storedBytes.addAndGet(stored.storedBytes());
            });
        }
        this.collector = new GarbageCollector(List.of(chunks, incoming.files()), manifests, guard, this::allVersions, settings,
                clock);
    }

    public Path root() {
        return root;
    }

    @Override
    public Cvd create(String cvdId, String owner) throws LayerException {
        if (!Cvd.validId(cvdId)) {
            throw new LayerException("not a valid CVD id: '" + cvdId + "' (letters, digits, '.', '_', '-'; at most 64)");
        }
        if (owner == null || owner.isBlank()) {
            throw new LayerException("a CVD needs an owner");
        }
        synchronized (creation) {
            if (cvds.containsKey(cvdId)) {
                throw new LayerException("CVD " + cvdId + " exists already");
            }
            try {
                CvdDirectory cvd = CvdDirectory.create(root.resolve("cvds").resolve(cvdId), atomic, cvdId, owner, clock.instant());
                cvds.put(cvdId, cvd);
                return cvd.cvd();
            } catch (IOException e) {
                throw new LayerException("could not create CVD " + cvdId + ": " + e.getMessage(), e);
            }
        }
    }

    @Override
    public List<Cvd> list() {
        return cvds.values().stream().map(CvdDirectory::cvd).sorted(Comparator.comparing(Cvd::id)).toList();
    }

    @Override
    public Optional<Cvd> find(String cvdId) {
        return Optional.ofNullable(cvdId == null ? null : cvds.get(cvdId)).map(CvdDirectory::cvd);
    }

    @Override
    public Set<String> missingChunks(Collection<String> chunkIds) {
        Set<String> missing = new LinkedHashSet<>();
        guard.enterShared();
        try {
            var now = clock.instant();
            for (String id : chunkIds) {
                // a present chunk is renewed: the uploader now counts on it, so a collection must spare it a while
                if (!Hashes.validId(id) || !touch(id, now)) {
                    missing.add(id);
                }
            }
        } finally {
            guard.leaveShared();
        }
        return missing;
    }

    @Override
    public boolean putChunk(String chunkId, InputStream data, long length) throws IOException, LayerException {
        if (!Hashes.validId(chunkId)) {
            throw new LayerException("not a chunk id (64 lower-case hex digits): '" + abbreviate(chunkId) + "'");
        }
        if (length < 0 || length > settings.maxChunkBytes()) {
            throw new LayerException("chunk of " + length + " bytes refused: chunks are 0.." + settings.maxChunkBytes() + " bytes");
        }
        byte[] raw = data.readNBytes((int) length);
        if (raw.length < length) {
            throw new LayerException("chunk " + chunkId + " cut short: " + raw.length + " of " + length + " bytes arrived");
        }
        if (data.read() != -1) {
            throw new LayerException("chunk " + chunkId + " has more bytes than the " + length + " announced");
        }
        String actual = Hashes.sha256Hex(raw, raw.length);
        if (!actual.equals(chunkId)) {
            throw new LayerException("chunk bytes hash to " + actual + ", not to " + chunkId);
        }
        if (renewIfPresent(chunkId)) {
            return false;
        }
        byte[] stored = ChunkCodec.encode(raw, raw.length, settings.compress());
        // puts of the same id are serialized (the guard's shared side lets them run together) so one of them is "new"
        synchronized (putStripe(chunkId)) {
            guard.enterShared();
            try {
                if (touch(chunkId, clock.instant())) {
                    return false; // another upload put it meanwhile
                }
                incoming.write(chunkId, stored);
            } finally {
                guard.leaveShared();
            }
        }
        chunkCount.incrementAndGet();
        storedBytes.addAndGet(stored.length);
        return true;
    }

    private boolean renewIfPresent(String chunkId) {
        guard.enterShared();
        try {
            return touch(chunkId, clock.instant());
        } finally {
            guard.leaveShared();
        }
    }

    /** Renews a chunk wherever it is (durable or incoming); false when it is in neither. */
    private boolean touch(String chunkId, java.time.Instant now) {
        return chunks.touch(chunkId, now) || incoming.files().touch(chunkId, now);
    }

    private Object putStripe(String chunkId) {
        return putStripes[(chunkId.charAt(0) * 16 + chunkId.charAt(1)) % putStripes.length];
    }

    /** Where the chunk's file is: chunks/ when durable, else incoming/ (which may lack it too). */
    private ChunkFiles holder(String chunkId) {
        return chunks.exists(chunkId) ? chunks : incoming.files();
    }

    /**
     * An incoming chunk of an earlier run (a power loss may have damaged it) read against its id before a publish makes
     * it durable; a damaged one is deleted, so that it is reported missing and sent again.
     */
    private boolean intactOrDiscarded(String chunkId) {
        ChunkFiles files = incoming.files();
        try {
            byte[] raw = ChunkCodec.decode(files.readStored(chunkId, settings.maxChunkBytes() + 5), StoreSettings.CHUNK_CEILING);
            if (Hashes.sha256Hex(raw, raw.length).equals(chunkId)) {
                return true;
            }
        } catch (NoSuchFileException gone) {
            return chunks.exists(chunkId);
        } catch (IOException damaged) {
            // unreadable, cut short or of an unknown form: damaged
        }
        synchronized (putStripe(chunkId)) {
            long size = files.storedSize(chunkId);
            try {
                if (files.delete(chunkId)) {
                    chunkCount.decrementAndGet();
                    storedBytes.addAndGet(-size);
                }
            } catch (IOException e) {
                // left in place: still reported missing, and the next publish checks it again
            }
        }
        return false;
    }

    @Override
    public InputStream openChunk(String chunkId) throws IOException, LayerException {
        return new ByteArrayInputStream(readChunk(chunkId));
    }

    /** The chunk's bytes, checked against the id; a chunk that fails is moved to {@code corrupt/}. */
    public byte[] readChunk(String chunkId) throws IOException, LayerException {
        if (!Hashes.validId(chunkId)) {
            throw new LayerException("not a chunk id (64 lower-case hex digits): '" + abbreviate(chunkId) + "'");
        }
        byte[] stored;
        try {
            stored = holder(chunkId).readStored(chunkId, settings.maxChunkBytes() + 5);
        } catch (NoSuchFileException e) {
            throw new LayerException("no chunk " + chunkId);
        }
        byte[] raw;
        try {
            raw = ChunkCodec.decode(stored, StoreSettings.CHUNK_CEILING);
        } catch (IOException e) {
            throw quarantine(chunkId, e.getMessage());
        }
        String actual = Hashes.sha256Hex(raw, raw.length);
        if (!actual.equals(chunkId)) {
            throw quarantine(chunkId, "its content hashes to " + actual);
        }
        return raw;
    }

    /** Moves a corrupt chunk aside (so that missingChunks asks for it again) and says what was wrong. */
    IOException quarantine(String chunkId, String why) {
        IOException failure = new IOException("chunk " + chunkId + " is corrupt: " + why);
        guard.enterExclusive();
        try {
            Path aside = root.resolve("corrupt").resolve(chunkId);
            Files.createDirectories(aside.getParent());
            ChunkFiles files = holder(chunkId);
            long size = files.storedSize(chunkId);
            Files.move(files.file(chunkId), aside, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            chunkCount.decrementAndGet();
            storedBytes.addAndGet(-size);
        } catch (IOException e) {
            failure.addSuppressed(e);
        } finally {
            guard.leaveExclusive();
        }
        return failure;
    }

    @Override
    public CvdVersion publish(String cvdId, PublishRequest request) throws LayerException {
        CvdDirectory cvd = cvd(cvdId);
        if (request.kind() == CvdVersion.Kind.RESTORE) {
            throw new LayerException("a restore is made by the server (restore), not published");
        }
        if (request.endpointId() == null || request.endpointId().isBlank()) {
            throw new LayerException("a publish names the endpoint it comes from");
        }
        Set<String> named = namedChunks(request.layers().values());
        boolean snapshot = request.kind() == CvdVersion.Kind.SNAPSHOT;
        cvd.lock().lock();
        try {
            if (!snapshot && request.parent() != cvd.head()) {
                throw new CvdConflictException("CVD " + cvdId + " moved on: head=" + cvd.head() + ", the upload is based on "
                        + request.parent(), cvd.head());
            }
            // snapshots never become the head, so a stale token there cannot overwrite anything
            if (!snapshot && request.includesSystemLayer() && request.fencingToken() < cvd.highestSystemToken()) {
                throw new FencedException("stale master: token " + request.fencingToken() + " is below " + cvd.highestSystemToken()
                        + ", already used for CVD " + cvdId);
            }
            Map<Layer, String> layers = new EnumMap<>(Layer.class);
            Map<Layer, Long> bytes = new EnumMap<>(Layer.class);
            long base = snapshot ? request.parent() : cvd.head();
            cvd.version(base).ifPresent(parent -> {
                layers.putAll(parent.version().layers());
                bytes.putAll(parent.layerBytes());
            });
            guard.enterShared();
            try {
                List<String> missing = new ArrayList<>();
                List<String> toPromote = new ArrayList<>();
                for (String id : named) {
                    if (!chunks.exists(id)) {
                        (incoming.files().exists(id) ? toPromote : missing).add(id);
                    }
                }
                // the chunks become durable before the version that names them is written
                missing.addAll(incoming.promote(toPromote));
                if (!missing.isEmpty()) {
                    throw new MissingChunksException(missing.size() + " chunk(s) named by the upload are not in the store, e.g. "
                            + missing.get(0), missing.subList(0, Math.min(missing.size(), 10_000)));
                }
                for (LayerManifest manifest : request.layers().values()) {
                    ManifestFiles.Summary summary = manifests.store(manifest);
                    layers.put(manifest.layer(), summary.digest());
                    bytes.put(manifest.layer(), summary.bytes());
                }
                List<String> committed = new ArrayList<>(named);
                committed.addAll(layers.values());
                guard.recordPublished(committed);
                CvdVersion version = new CvdVersion(cvdId, cvd.nextNumber(), request.parent(), clock.instant(),
                        request.endpointId(), request.kind(), layers, request.fencingToken(), request.note());
                cvd.commit(new StoredVersion(version, bytes));
                return version;
            } catch (IOException e) {
                throw new LayerException("could not publish to CVD " + cvdId + ": " + e.getMessage(), e);
            } finally {
                guard.leaveShared();
            }
        } finally {
            cvd.lock().unlock();
        }
    }

    /** Every chunk id the manifests name, checked for form (a bad id or hash is refused before anything is written). */
    private static Set<String> namedChunks(Collection<LayerManifest> layers) throws LayerException {
        Set<String> named = new LinkedHashSet<>();
        for (LayerManifest manifest : layers) {
            for (FileEntry entry : manifest.entries()) {
                if (!entry.contentHash().isEmpty() && !Hashes.validId(entry.contentHash())) {
                    throw new LayerException(manifest.layer() + "/" + entry.path() + ": content hash is not 64 lower-case hex digits");
                }
                if (entry.chunks().size() > ManifestCodec.MAX_CHUNKS_PER_ENTRY) {
                    throw new LayerException(manifest.layer() + "/" + entry.path() + " has too many chunks");
                }
                for (String chunk : entry.chunks()) {
                    if (!Hashes.validId(chunk)) {
                        throw new LayerException(manifest.layer() + "/" + entry.path() + " names a bad chunk id '"
                                + abbreviate(chunk) + "'");
                    }
                    named.add(chunk);
                }
            }
        }
        return named;
    }

    @Override
    public List<CvdVersion> versions(String cvdId) throws LayerException {
        return cvd(cvdId).versions().stream().map(StoredVersion::version).toList();
    }

    @Override
    public CvdVersion version(String cvdId, long number) throws LayerException {
        return stored(cvdId, number).version();
    }

    private StoredVersion stored(String cvdId, long number) throws LayerException {
        return cvd(cvdId).version(number)
                .orElseThrow(() -> new LayerException("CVD " + cvdId + " has no version " + number));
    }

    @Override
    public LayerManifest manifest(String cvdId, long number, Layer layer) throws LayerException {
        String digest = stored(cvdId, number).version().layers().get(layer);
        if (digest == null) {
            return LayerManifest.empty(layer);
        }
        try {
            return manifests.load(digest, layer);
        } catch (IOException e) {
            throw new LayerException("the " + layer + " manifest of version " + number + " of " + cvdId + " is unreadable: "
                    + e.getMessage(), e);
        }
    }

    /** Streams a version's layer entries without holding the manifest in memory. */
    public void forEachEntry(String cvdId, long number, Layer layer, ManifestCodec.EntrySink sink) throws LayerException, IOException {
        String digest = stored(cvdId, number).version().layers().get(layer);
        if (digest != null) {
            manifests.read(digest, layer, sink);
        }
    }

    @Override
    public CvdVersion restore(String cvdId, long number, String note) throws LayerException {
        CvdDirectory cvd = cvd(cvdId);
        cvd.lock().lock();
        try {
            StoredVersion old = stored(cvdId, number);
            guard.enterShared();
            try {
                // the manifests are named by the old version, which is never deleted, so the collector keeps them
                CvdVersion version = new CvdVersion(cvdId, cvd.nextNumber(), cvd.head(), clock.instant(), "server",
                        CvdVersion.Kind.RESTORE, old.version().layers(), 0,
                        note == null || note.isBlank() ? "restore of version " + number : note);
                cvd.commit(new StoredVersion(version, old.layerBytes()));
                return version;
            } catch (IOException e) {
                throw new LayerException("could not restore version " + number + " of " + cvdId + ": " + e.getMessage(), e);
            } finally {
                guard.leaveShared();
            }
        } finally {
            cvd.lock().unlock();
        }
    }

    @Override
    public GcReport collectGarbage() throws IOException {
        GarbageCollector.Result result = collector.collect();
        chunkCount.addAndGet(-result.report().chunksDeleted());
        storedBytes.addAndGet(-result.report().bytesFreed());
        return result.report();
    }

    @Override
    public VerifyReport verify() throws IOException {
        return new StoreVerifier(this, chunks, incoming.files(), manifests).verify(allVersions(), openingProblems);
    }

    @Override
    public StoreStats stats() {
        long versions = 0;
        long logical = 0;
        for (CvdDirectory cvd : cvds.values()) {
            for (StoredVersion v : cvd.versions()) {
                versions++;
                logical += v.logicalBytes();
            }
        }
        return new StoreStats(cvds.size(), versions, chunkCount.get(), storedBytes.get(), logical);
    }

    private List<StoredVersion> allVersions() {
        List<StoredVersion> all = new ArrayList<>();
        cvds.values().forEach(c -> all.addAll(c.versions()));
        return all;
    }

    private CvdDirectory cvd(String cvdId) throws LayerException {
        CvdDirectory cvd = cvdId == null ? null : cvds.get(cvdId);
        if (cvd == null) {
            throw new LayerException("no CVD " + cvdId);
        }
        return cvd;
    }

    private static Object[] stripes(int count) {
        Object[] stripes = new Object[count];
        for (int i = 0; i < count; i++) {
            stripes[i] = new Object();
        }
        return stripes;
    }

    private static String abbreviate(String s) {
        return s == null ? "null" : s.length() > 80 ? s.substring(0, 80) + "…" : s;
    }
}
