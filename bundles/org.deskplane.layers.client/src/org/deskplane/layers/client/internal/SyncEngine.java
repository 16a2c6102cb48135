package org.deskplane.layers.client.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

import org.deskplane.layers.api.Binding;
import org.deskplane.layers.api.CvdConflictException;
import org.deskplane.layers.api.CvdVersion;
import org.deskplane.layers.api.EndpointInfo;
import org.deskplane.layers.api.EndpointStatus;
import org.deskplane.layers.api.FencedException;
import org.deskplane.layers.api.FileEntry;
import org.deskplane.layers.api.Layer;
import org.deskplane.layers.api.LayerException;
import org.deskplane.layers.api.LayerManifest;
import org.deskplane.layers.api.MasterState;
import org.deskplane.layers.api.MasterState.Duty;
import org.deskplane.layers.api.PublishRequest;
import org.deskplane.layers.chunking.Chunker;
import org.deskplane.layers.chunking.LayerClassifier;
import org.deskplane.layers.chunking.TreeScanner;
import org.deskplane.layers.merge.ConflictNames;
import org.deskplane.layers.pivot.PivotResult;
import org.deskplane.layers.spi.ShimHook;

/**
 * One endpoint's synchronization, a round at a time: report activity and learn its duty from the master state,
 * scan the tree, pull what the server has newer (each layer by its rule), upload what changed here (everything when
 * master, user files otherwise), report status. Not thread-safe: one sync thread drives it.
 */
final class SyncEngine {

    private static final Set<Layer> STAGED = EnumSet.of(Layer.BASE_OS, Layer.APPLICATIONS, Layer.DRIVERS);

    private final ClientSettings settings;
    private final ServerLink server;
    private final LocalState state;
    private final ShimRunner shims;
    private final Clock clock;
    private final Consumer<String> log;
    private final ActivityWindow activity;
    private final Uploader uploader;
    private final ContentWriter writer;

    private Binding binding;
    private EndpointLayout layout;
    private TreeScanner scanner;
    private StagedLayers system;
    private StagedLayers profile;
    private CacheMode cache; // null unless the binding says the endpoint is short on disk
    private Map<String, FileEntry> lastScan = new HashMap<>();
    private volatile LayerManifest lastUserFiles; // of the last scan, in CVD paths: what the watcher watches
    private final Map<String, LayerManifest> manifestsByDigest = new HashMap<>();
    private volatile MasterState master;
    private volatile String lastError = "";
    private volatile long knownHead;

    SyncEngine(ClientSettings settings, ServerLink server, LocalState state, ShimRunner shims, Clock clock, Consumer<String> log) {
        this.settings = settings;
        this.server = server;
        this.state = state;
        this.shims = shims;
        this.clock = clock;
        this.log = log;
        this.activity = new ActivityWindow(clock);
        this.uploader = new Uploader(server, Chunker.DEFAULT);
        this.writer = new ContentWriter(server);
    }

    ActivityWindow activity() {
        return activity;
    }

    MasterState master() {
        return master;
    }

    long knownHead() {
        return knownHead;
    }

    Binding binding() {
        return binding;
    }

    /** The user files the last scan found (null before the first scan, or when the binding has none). */
    LayerManifest lastUserFiles() {
        return lastUserFiles;
    }

    EndpointLayout layout() {
        return layout;
    }

    /** Binds to the CVD and finishes what the last run left: a staged pivot ("at the next restart"), a new identity. */
    void start() throws IOException, LayerException {
        EndpointInfo info = new EndpointInfo(settings.endpointId(), settings.cvdId(), settings.osFamily(), settings.osRelease(),
                settings.hardware(), settings.freeBytes());
        binding = server.register(info);
        layout = new EndpointLayout(settings.root(), binding);
        List<String> exclusions = new ArrayList<>(settings.exclusions());
        exclusions.addAll(shims.exclusions());
        LayerClassifier classifier = settings.classifier();
        exclusions.forEach(classifier::exclude);
        scanner = new TreeScanner(Chunker.DEFAULT, classifier, settings.maxEntries());
        system = new StagedLayers(layout, writer, state.dir().resolve("system"));
        profile = new StagedLayers(layout, writer, state.dir().resolve("profile"));
        if (binding.cacheMode()) {
            cache = new CacheMode(layout, writer, state.dir(), settings.cacheBytes());
            log.accept("cache mode: user files kept up to " + settings.cacheBytes() + " bytes, the rest fetched when opened");
        }
        if (!state.identityCreated()) {
            // identity is never copied between endpoints: one is made only where the endpoint has none yet (a tree
            // provisioned from a cloned image without it); an endpoint keeps the identity it has
            boolean none = scanner.scan(settings.root(), EnumSet.of(Layer.MACHINE_IDENTITY), Map.of()).manifests()
                    .get(Layer.MACHINE_IDENTITY).entries().isEmpty();
            shims.run(ShimHook.STARTUP, settings.root(), settings.root(), binding.layers(), settings.endpointId(), none, log);
            state.setIdentityCreated();
        }
        applyStaged(system, "system layers");
        int profileChanges = logOn(); // a restart is also a fresh log-on: the profile waiting is applied now
        if (profileChanges > 0) {
            log.accept("profile applied at log-on: " + profileChanges + " changes");
        }
        log.accept("bound to " + binding.cvdId() + " as " + binding.scope() + " (rule " + binding.rule() + ", drivers '"
                + binding.driverSet() + "')");
    }

    /** The pivot of staged system layers: run at start, that is at the (agent's) restart. */
    private void applyStaged(StagedLayers staged, String what) throws IOException {
        Optional<Long> waiting = staged.waiting();
        if (waiting.isEmpty()) {
            staged.apply(); // finishes or undoes an interrupted pivot
            return;
        }
        shims.run(ShimHook.PRE_PIVOT, settings.root(), staged.stagedTree(), binding.layers(), settings.endpointId(), false, log);
        Optional<PivotResult> result = staged.apply();
        shims.run(ShimHook.POST_PIVOT, settings.root(), settings.root(), binding.layers(), settings.endpointId(), false, log);
        for (Layer layer : Layer.values()) {
            Optional<LayerManifest> pending = pending(staged, layer);
            if (pending.isPresent()) {
                state.setBase(pending.get());
                state.setApplied(layer, waiting.get());
            }
        }
        clearPending(staged);
        result.ifPresent(r -> log.accept(what + " version " + r.version() + " pivoted in: " + r.filesPlaced() + " placed, "
                + r.pathsDeleted() + " deleted"));
    }

    /** The user logs on: the profile waiting is pivoted in. */
    synchronized int logOn() throws IOException {
        Optional<Long> waiting = profile.waiting();
        if (waiting.isEmpty()) {
            return 0;
        }
        Optional<PivotResult> result = profile.apply();
        pending(profile, Layer.PROFILE).ifPresent(m -> {
            try {
                state.setBase(m);
                state.setApplied(Layer.PROFILE, waiting.get());
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        clearPending(profile);
        state.setPendingProfileVersion(0);
        return result.map(r -> r.filesPlaced() + r.pathsDeleted()).orElse(0);
    }

    /** One round. Errors are kept for the status and thrown to the loop, which tries again later. */
    synchronized void round() throws IOException, LayerException {
        try {
            master = server.activity(binding.cvdId(), activity.report(settings.endpointId(), true));
            Duty duty = master.dutyOf(settings.endpointId());
            Map<Layer, LayerManifest> local = scan();
            if (userFilesChangedHere(local)) {
                activity.mark(); // the user edits files here: that is activity
            }
            long head = server.head(binding.cvdId(), 0, 0);
            knownHead = head;
            if (duty == Duty.UPLOAD_SNAPSHOT) {
                CvdVersion snapshot = upload(local, binding.layers(), head, 0, CvdVersion.Kind.SNAPSHOT, "before becoming master");
                master = server.snapshotTaken(binding.cvdId(), settings.endpointId(), snapshot == null ? head : snapshot.number());
                duty = Duty.PULL;
            }
            if (head > 0 && pull(head, local, duty)) {
                local = scan();
            }
            if (duty == Duty.PULL_THEN_UPLOAD) {
                master = server.pulled(binding.cvdId(), settings.endpointId(), master.token());
                duty = master.dutyOf(settings.endpointId());
            }
            boolean isMaster = duty == Duty.UPLOAD || duty == Duty.PUSH_AND_HAND_OVER;
            Set<Layer> mayUpload = isMaster ? uploadable(binding.layers()) : EnumSet.of(Layer.USER_FILES);
            mayUpload.retainAll(binding.layers());
            CvdVersion published = upload(local, mayUpload, head, isMaster ? master.token() : 0, CvdVersion.Kind.UPLOAD, "");
            if (published != null) {
                knownHead = published.number();
            }
            if (duty == Duty.PUSH_AND_HAND_OVER) {
                master = server.handedOver(binding.cvdId(), settings.endpointId(), master.token());
            }
            if (cache != null && local.containsKey(Layer.USER_FILES)) {
                int evicted = cache.evict(local.get(Layer.USER_FILES), state.base(Layer.USER_FILES));
                if (evicted > 0) {
                    log.accept("cache mode: " + evicted + " least recently used files left behind as stubs");
                }
            }
            lastError = "";
        } catch (IOException | LayerException | RuntimeException e) {
            lastError = e.getMessage() == null ? e.toString() : e.getMessage();
            throw e;
        } finally {
            reportStatus();
        }
    }

    private static Set<Layer> uploadable(Set<Layer> layers) {
        Set<Layer> set = EnumSet.copyOf(layers);
        set.remove(Layer.DRIVERS); // the driver library is curated on the server, never replaced by one endpoint's set
        set.remove(Layer.MACHINE_IDENTITY);
        return set;
    }

    private boolean userFilesChangedHere(Map<Layer, LayerManifest> local) throws IOException {
        LayerManifest files = local.get(Layer.USER_FILES);
        return files != null && !Manifests.sameFiles(files, layout.placeable(state.base(Layer.USER_FILES)));
    }

    /** Scans the layers of the binding; returns them in CVD paths. */
    private Map<Layer, LayerManifest> scan() throws IOException {
        TreeScanner.Result result = scanner.scan(settings.root(), binding.layers(), lastScan);
        Map<String, FileEntry> seen = new HashMap<>();
        Map<Layer, LayerManifest> cvd = new EnumMap<>(Layer.class);
        result.manifests().forEach((layer, manifest) -> {
            manifest.entries().forEach(e -> seen.put(e.path(), e));
            cvd.put(layer, layout.toCvd(manifest));
        });
        lastScan = seen;
        if (cache != null && cvd.containsKey(Layer.USER_FILES)) {
            cvd.put(Layer.USER_FILES, cache.substitute(cvd.get(Layer.USER_FILES))); // a stub stands for its entry
        }
        lastUserFiles = cvd.get(Layer.USER_FILES);
        return cvd;
    }

    /** @return whether the tree changed */
    private boolean pull(long head, Map<Layer, LayerManifest> local, Duty duty) throws IOException, LayerException {
        CvdVersion version = server.version(binding.cvdId(), head);
        boolean treeChanged = false;
        boolean master = duty == Duty.UPLOAD || duty == Duty.PUSH_AND_HAND_OVER;
        Map<Layer, LayerManifest> toStage = new EnumMap<>(Layer.class);
        for (Layer layer : binding.layers()) {
            LayerManifest serverManifest = manifest(version, layer);
            LayerManifest base = state.base(layer);
            if (Manifests.sameFiles(serverManifest, base)) {
                if (state.applied(layer) != head && !STAGED.contains(layer)) {
                    state.setApplied(layer, head);
                }
                continue; // nothing new on the server for this layer
            }
            LayerManifest mine = local.getOrDefault(layer, LayerManifest.empty(layer));
            switch (layer.syncMode()) {
            case LIVE_MERGE:
                UserFilesMerge.Outcome outcome = new UserFilesMerge(layout, writer, new ConflictNames(settings.maxConflictCopies()),
                        settings.endpointId(), clock, cache).merge(mine, base, serverManifest, version.endpointId(), log);
                for (String copy : outcome.conflictCopies()) {
                    state.addConflict(copy);
                }
                outcome.notices().forEach(log);
                state.setBase(serverManifest);
                state.setApplied(layer, head);
                treeChanged |= outcome.changed() > 0;
                break;
            case LAZY_AT_LOGON:
                boolean changedHere = !Manifests.sameFiles(layout.placeable(mine), layout.placeable(base));
                boolean alreadyWaiting = pending(profile, layer).map(p -> Manifests.sameFiles(p, serverManifest)).orElse(false);
                if (!(master && changedHere) && !alreadyWaiting) { // the master's own settings win; elsewhere the server's
                    if (profile.stage(Map.of(layer, mine), Map.of(layer, serverManifest), head) > 0) {
                        savePending(profile, serverManifest);
                        state.setPendingProfileVersion(head);
                        log.accept("profile version " + head + " waits for the next log-on");
                    }
                }
                break;
            case STAGED_PIVOT:
            case CLONE_ONLY:
                if (layer == Layer.DRIVERS && state.applied(Layer.DRIVERS) != 0) {
                    break; // drivers are written at clone only
                }
                boolean mineChanged = !Manifests.sameFiles(layout.placeable(mine), layout.placeable(base));
                if (!(master && mineChanged)) {
                    toStage.put(layer, serverManifest);
                }
                break;
            default:
                break;
            }
        }
        boolean allWaiting = true;
        for (LayerManifest m : toStage.values()) {
            allWaiting &= pending(system, m.layer()).map(p -> Manifests.sameFiles(p, m)).orElse(false);
        }
        if (!toStage.isEmpty() && !allWaiting) { // a newer head with the same system layers stages nothing again
            int changes = system.stage(local, toStage, head);
            if (changes > 0) {
                toStage.values().forEach(m -> savePendingUnchecked(system, m));
                state.setStagedVersion(head);
                log.accept("system layers " + toStage.keySet() + " of version " + head + " staged (" + changes
                        + " changes): applied at the next restart");
            } else if (changes == 0) {
                for (LayerManifest m : toStage.values()) { // the tree has them already (e.g. the master made them)
                    state.setBase(m);
                    state.setApplied(m.layer(), head);
                }
            }
        }
        return treeChanged;
    }

    private LayerManifest manifest(CvdVersion version, Layer layer) throws IOException, LayerException {
        String digest = version.layers().get(layer);
        if (digest == null) {
            return LayerManifest.empty(layer);
        }
        LayerManifest cached = manifestsByDigest.get(digest);
        if (cached == null) {
            cached = server.manifest(binding.cvdId(), version.number(), layer);
            if (manifestsByDigest.size() > 16) {
                manifestsByDigest.clear(); // a small cache: the same layer across rounds
            }
            manifestsByDigest.put(digest, cached);
        }
        return cached;
    }

    /** Uploads the layers among {@code layers} that changed here since the base; null when nothing did. */
    private CvdVersion upload(Map<Layer, LayerManifest> local, Set<Layer> layers, long head, long token, CvdVersion.Kind kind,
            String note) throws IOException, LayerException {
        Map<Layer, LayerManifest> changed = new EnumMap<>(Layer.class);
        for (Layer layer : layers) {
            LayerManifest base = state.base(layer);
            LayerManifest mine = Manifests.with(local.getOrDefault(layer, LayerManifest.empty(layer)), layout.unplaceable(base));
            if (kind == CvdVersion.Kind.SNAPSHOT || !Manifests.sameFiles(mine, base)) {
                changed.put(layer, mine);
            }
        }
        if (changed.isEmpty()) {
            return null;
        }
        long sent = 0;
        for (LayerManifest manifest : changed.values()) {
            sent += uploader.sendMissingChunks(List.of(manifest), e -> layout.file(manifest.layer(), e.path()));
        }
        String what = describe(changed);
        try {
            CvdVersion version = server.publish(binding.cvdId(),
                    new PublishRequest(settings.endpointId(), head, token, kind, changed, note));
            if (kind == CvdVersion.Kind.UPLOAD) {
                for (LayerManifest manifest : changed.values()) {
                    state.setBase(manifest);
                    state.setApplied(manifest.layer(), version.number());
                }
            }
            log.accept((kind == CvdVersion.Kind.SNAPSHOT ? "snapshot " : "uploaded ") + changed.keySet() + " as version "
                    + version.number() + " (" + sent + " bytes of new chunks; " + what + ")");
            return version;
        } catch (CvdConflictException e) {
            log.accept("the server moved on to version " + e.head() + " meanwhile: merging first");
            throw e;
        } catch (FencedException e) {
            log.accept("refused as a stale master: " + e.getMessage());
            throw e;
        }
    }

    /** What an upload changes against the base, briefly: for the log. */
    private String describe(Map<Layer, LayerManifest> changed) throws IOException {
        StringBuilder text = new StringBuilder();
        for (LayerManifest mine : changed.values()) {
            Map<String, FileEntry> base = state.base(mine.layer()).byPath();
            List<String> paths = new ArrayList<>();
            for (FileEntry e : mine.entries()) {
                FileEntry before = base.remove(e.path());
                if (before == null) {
                    paths.add("+" + e.path());
                } else if (!before.sameContent(e) || before.mode() != e.mode()) {
                    paths.add("~" + e.path());
                }
            }
            base.keySet().forEach(p -> paths.add("-" + p));
            text.append(mine.layer()).append(' ').append(paths.size() > 5 ? paths.subList(0, 5) + "…" : paths).append(' ');
        }
        return text.toString().strip();
    }

    private void savePending(StagedLayers staged, LayerManifest manifest) throws IOException {
        LocalState.write(pendingFile(staged, manifest.layer()), LocalState.json(manifest));
    }

    private void savePendingUnchecked(StagedLayers staged, LayerManifest manifest) {
        try {
            savePending(staged, manifest);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private Optional<LayerManifest> pending(StagedLayers staged, Layer layer) throws IOException {
        Path file = pendingFile(staged, layer);
        return java.nio.file.Files.exists(file) ? Optional.of(LocalState.readManifest(file)) : Optional.empty();
    }

    private void clearPending(StagedLayers staged) throws IOException {
        for (Layer layer : Layer.values()) {
            java.nio.file.Files.deleteIfExists(pendingFile(staged, layer));
        }
    }

    private Path pendingFile(StagedLayers staged, Layer layer) throws IOException {
        Path dir = staged == system ? state.dir().resolve("system-pending") : state.dir().resolve("profile-pending");
        java.nio.file.Files.createDirectories(dir);
        return dir.resolve(layer + ".json");
    }

    /** The user opens a file (an endpoint path): a stub is fetched first. */
    Path open(String endpointPath) throws IOException, LayerException {
        String cvdPath = layout.toCvd(Layer.USER_FILES, endpointPath)
                .orElseThrow(() -> new IOException(endpointPath + " is not among the user files of this endpoint"));
        if (cache == null) {
            Path file = layout.file(Layer.USER_FILES, cvdPath);
            if (!java.nio.file.Files.exists(file)) {
                throw new IOException("no file " + endpointPath + " on this endpoint");
            }
            return file;
        }
        return cache.open(cvdPath);
    }

    EndpointStatus status() {
        long staged = 0;
        try {
            staged = system == null ? 0 : system.waiting().orElse(0L);
        } catch (IOException e) {
            // the status shows what it can
        }
        return new EndpointStatus(settings.endpointId(), state.appliedAll(), staged, state.pendingProfileVersion(), state.conflicts(),
                clock.instant(), lastError);
    }

    private void reportStatus() {
        try {
            server.reportStatus(status());
        } catch (IOException | LayerException | RuntimeException e) {
            log.accept("could not report the status: " + e.getMessage());
        }
    }
}
