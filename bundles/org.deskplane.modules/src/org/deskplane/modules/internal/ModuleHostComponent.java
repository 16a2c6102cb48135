package org.deskplane.modules.internal;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.deskplane.hypervisor.api.HypervisorConnection;
import org.deskplane.hypervisor.api.HypervisorEvents;
import org.deskplane.hypervisor.api.HypervisorException;
import org.deskplane.hypervisor.api.VmInfo;
import org.deskplane.hypervisor.api.VmStartHook;
import org.deskplane.hypervisor.api.VmStartVetoedException;
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
import org.deskplane.modules.internal.store.BundleIdentity;
import org.deskplane.modules.internal.store.ModuleStore;
import org.deskplane.modules.internal.store.StagedUpload;
import org.deskplane.modules.internal.store.StoredModule;
import org.deskplane.modules.spi.ModuleRuntime;
import org.deskplane.security.api.AuditLog;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.FrameworkListener;
import org.osgi.framework.VersionRange;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;
import org.osgi.service.metatype.annotations.Designate;

/**
 * The module host: every verb of {@link ModuleHost}, each checked against trust and policy, recorded in the request
 * history and the audit log. It is also the hypervisor's {@link VmStartHook} (modules registered for the VM's image
 * are loaded, then {@code VM_STARTING} goes to subscribers, who may veto), and it loads registered modules for VMs
 * started outside Deskplane when their {@code STARTED} event arrives.
 */
@Component(service = { ModuleHost.class, VmStartHook.class, EventHandler.class },
        configurationPid = "org.deskplane.modules.host",
        property = EventConstants.EVENT_TOPIC + "=" + HypervisorEvents.VM_TOPIC_PREFIX + "STARTED")
@Designate(ocd = HostConfig.class)
public final class ModuleHostComponent implements ModuleHost, VmStartHook, EventHandler {

    private static final Logger LOG = Logger.getLogger(ModuleHostComponent.class.getName());

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile ModuleTrust trust;

    private volatile ModuleRuntime runtime;
    private volatile boolean active;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile ModulePolicies policies;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile AuditLog audit;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile EventAdmin eventAdmin;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile ConfigurationAdmin configurationAdmin;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile ModuleFetcher fetcher;

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile List<HypervisorConnection> connections;

    private final AtomicInteger openUploads = new AtomicInteger();
    /** Loads, unloads and replaces run one at a time: they change what runs in one shared region. */
    private final Object changes = new Object();
    private final ExecutorService background = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "deskplane-module-host");
        thread.setDaemon(true);
        return thread;
    });

    private HostConfig config;
    private ModuleStore store;
    private Registrations registrations;
    private RequestRecorder recorder;
    private RequestHistory history;
    private ModuleLoader loader;
    private ConfigurationChanges configurationChanges;
    private LifecycleEvents lifecycle;
    private BundleContext context;
    private FrameworkListener startListener;

    @Activate
    void activate(HostConfig hostConfig, BundleContext bundleContext) throws IOException {
        config = hostConfig;
        context = bundleContext;
        Path dir = Files.createDirectories(DataDirectory.modules(bundleContext));
        store = new ModuleStore(dir);
        registrations = new Registrations(dir);
        history = new RequestHistory(dir, Math.max(100, hostConfig.historySize()),
                Math.max(64 * 1024, hostConfig.historyFileBytes()));
        recorder = new RequestRecorder(history, () -> audit);
        loader = new ModuleLoader(store, () -> runtime, Duration.ofSeconds(Math.max(1, hostConfig.activationTimeoutSeconds())));
        configurationChanges = new ConfigurationChanges(hostConfig.configurationWhitelist());
        lifecycle = new LifecycleEvents(() -> eventAdmin);
        announceServerStart(bundleContext);
        active = true;
        if (runtime != null) {
            background.execute(this::reloadAfterRestart);
        }
    }

    /** Modules loaded before a restart are started again as soon as the runtime is there (it may come later). */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindRuntime(ModuleRuntime bound) {
        runtime = bound;
        if (active) {
            background.execute(this::reloadAfterRestart);
        }
    }

    void unbindRuntime(ModuleRuntime unbound) {
        if (runtime == unbound) {
            runtime = null;
        }
    }

    @Deactivate
    void deactivate() {
        active = false;
        if (startListener != null) {
            context.removeFrameworkListener(startListener);
        }
        if (context.getBundle(0).getState() == Bundle.STOPPING) {
            lifecycle.serverStopping();
        }
        background.shutdownNow();
    }

    // ---- verbs ----

    @Override
    public QueryResult query(Requester requester, String symbolicName, String versionRange) {
        String target = symbolicName + " " + (versionRange == null || versionRange.isBlank() ? "any" : versionRange);
        try {
            ModuleStore.requireName(symbolicName);
            VersionRange range = range(versionRange);
            authorize(requester, Verb.QUERY, symbolicName, null);
            List<ModuleInfo> matching = new ArrayList<>();
            List<ModuleInfo> others = new ArrayList<>();
            for (StoredModule module : store.versionsOf(symbolicName)) {
                (range.includes(org.osgi.framework.Version.parseVersion(module.version())) ? matching : others)
                        .add(module.info());
            }
            ModuleStatus status = !matching.isEmpty() ? ModuleStatus.OK
                    : others.isEmpty() ? ModuleStatus.NOT_FOUND : ModuleStatus.OTHER_VERSIONS;
            recorder.record(requester, Verb.QUERY, target, status, matching.size() + " matching, " + others.size()
                    + " other versions", false);
            return new QueryResult(status, matching, others);
        } catch (ModuleException e) {
            throw failed(requester, Verb.QUERY, target, e);
        }
    }

    @Override
    public UploadSession beginUpload(Requester requester, long size, String sha256) {
        String target = "upload of " + size + " bytes";
        try {
            authorize(requester, Verb.UPLOAD, null, null);
            if (size <= 0 || size > config.maxModuleBytes()) {
                throw new ModuleException(ModuleStatus.TOO_LARGE, "a module must be 1 to " + config.maxModuleBytes()
                        + " bytes; declared " + size);
            }
            if (sha256 == null || !sha256.matches("[0-9a-fA-F]{64}")) {
                throw new ModuleException(ModuleStatus.INVALID, "the declared SHA-256 must be 64 hex digits");
            }
            if (openUploads.incrementAndGet() > config.maxConcurrentUploads()) {
                openUploads.decrementAndGet();
                throw new ModuleException(ModuleStatus.BUSY, "too many uploads at once; try again shortly");
            }
            try {
                return new RecordedUpload(new StagedUpload(store, jar -> verifyForUpload(requester, jar), size, sha256,
                        upload -> openUploads.decrementAndGet()), requester);
            } catch (IOException e) {
                openUploads.decrementAndGet();
                throw new ModuleException(ModuleStatus.FAILED, "cannot stage an upload: " + e.getMessage(), e);
            }
        } catch (ModuleException e) {
            throw failed(requester, Verb.UPLOAD, target, e);
        }
    }

    @Override
    public ModuleRequest load(Requester requester, String symbolicName, String version) {
        return perform(requester, Verb.LOAD, symbolicName, version, module -> {
            synchronized (changes) {
                StoredModule loaded = loader.load(module);
                return new Outcome("loaded " + loaded.id(), restartRequest(loaded));
            }
        });
    }

    @Override
    public ModuleRequest unload(Requester requester, String symbolicName, String version) {
        return perform(requester, Verb.UNLOAD, symbolicName, version, module -> {
            synchronized (changes) {
                loader.unload(module);
                return new Outcome("unloaded " + module.id(), "");
            }
        });
    }

    @Override
    public ModuleRequest register(Requester requester, String symbolicName, String version) {
        if (requester.admin() && !requester.image().isEmpty() && symbolicName != null
                && store.find(symbolicName, ModuleStore.canonical(version)).isEmpty()) {
            return registerFromUpdateSite(requester, symbolicName, ModuleStore.canonical(version));
        }
        return perform(requester, Verb.REGISTER, symbolicName, version, module -> {
            if (requester.image().isEmpty()) {
                throw new ModuleException(ModuleStatus.INVALID, "registering needs a VM image");
            }
            registrations.put(new Registration(requester.image(), module.symbolicName(), module.version(),
                    requester.user(), Instant.now()));
            return new Outcome("registered " + module.id() + " for image " + requester.image()
                    + ": it is loaded before that VM starts", "");
        });
    }

    /** An administrator may register a module this host does not have yet: it is fetched at the VM's start. */
    private ModuleRequest registerFromUpdateSite(Requester requester, String symbolicName, String version) {
        String target = symbolicName + "/" + version;
        try {
            ModuleStore.requireName(symbolicName);
            if (config.updateSite().isBlank()) {
                throw new ModuleException(ModuleStatus.NOT_FOUND, target + " is not on this host and no module "
                        + "update site is configured to fetch it from");
            }
            registrations.put(new Registration(requester.image(), symbolicName, version, requester.user(), Instant.now()));
            return recorder.record(requester, Verb.REGISTER, target, ModuleStatus.OK, "registered for image "
                    + requester.image() + "; not on this host yet: fetched from " + config.updateSite()
                    + " when that VM starts", false);
        } catch (ModuleException e) {
            throw failed(requester, Verb.REGISTER, target, e);
        }
    }

    @Override
    public ModuleRequest unregister(Requester requester, String symbolicName, String version) {
        String target = symbolicName + "/" + version;
        try {
            ModuleStore.requireName(symbolicName);
            String exact = ModuleStore.canonical(version);
            target = symbolicName + "/" + exact;
            authorize(requester, Verb.UNREGISTER, symbolicName, null); // the module may be gone from the store
            if (!registrations.remove(requester.image(), symbolicName, exact)) {
                throw new ModuleException(ModuleStatus.NOT_FOUND,
                        target + " is not registered for image " + requester.image());
            }
            return recorder.record(requester, Verb.UNREGISTER, target, ModuleStatus.OK,
                    "unregistered from image " + requester.image(), false);
        } catch (ModuleException e) {
            throw failed(requester, Verb.UNREGISTER, target, e);
        }
    }

    @Override
    public ModuleRequest replace(Requester requester, String symbolicName, String newVersion) {
        return perform(requester, Verb.REPLACE, symbolicName, newVersion, newer -> {
            synchronized (changes) {
                List<StoredModule> older = store.versionsOf(symbolicName).stream()
                        .filter(m -> !m.version().equals(newer.version())).toList();
                StoredModule loaded = loader.replace(newer, older);
                int moved = registrations.moveTo(symbolicName, newer.version());
                return new Outcome("replaced by " + loaded.id() + (moved > 0 ? "; " + moved
                        + " image registration(s) moved to it" : ""), restartRequest(loaded));
            }
        });
    }

    @Override
    public ModuleRequest configure(Requester requester, String pid, String key, String value) {
        String target = pid + "/" + key;
        try {
            if (pid == null || key == null || value == null || value.length() > 4096) {
                throw new ModuleException(ModuleStatus.INVALID, "configure needs a pid, a key and a value (≤ 4096 chars)");
            }
            authorize(requester, Verb.CONFIGURE, pid, null);
            configurationChanges.apply(configurationAdmin, pid, key, value);
            return recorder.record(requester, Verb.CONFIGURE, target, ModuleStatus.OK, "set to " + value, false);
        } catch (ModuleException e) {
            throw failed(requester, Verb.CONFIGURE, target, e);
        }
    }

    @Override
    public Optional<ModuleRequest> request(Requester requester, long id) {
        authorize(requester, Verb.STATUS, null, null);
        return history.find(id).filter(r -> requester.admin() || r.requester().vmId().equals(requester.vmId()));
    }

    @Override
    public List<ModuleRequest> requests(String vmId, int limit) {
        return history.newest(vmId, Math.max(1, Math.min(limit, 10_000)));
    }

    @Override
    public List<ModuleInfo> modules() {
        return store.all().stream().map(StoredModule::info).toList();
    }

    @Override
    public List<Registration> registrations(String image) {
        return registrations.of(image);
    }

    @Override
    public List<ModuleInfo> prepareImage(String image) {
        List<ModuleInfo> loaded = new ArrayList<>();
        for (Registration registration : registrations.of(image)) {
            synchronized (changes) {
                StoredModule module = store.find(registration.symbolicName(), registration.version())
                        .orElseGet(() -> fetchFromUpdateSite(registration));
                if (module.state() != ModuleState.LOADED || loader.running(module).isEmpty()) {
                    loaded.add(loader.load(module).info());
                }
            }
        }
        return loaded;
    }

    @Override
    public void delete(Requester requester, String symbolicName, String version) {
        perform(requester, Verb.UNLOAD, symbolicName, version, module -> {
            requireAdmin(requester);
            if (registrations.isRegistered(module.symbolicName(), module.version())) {
                throw new ModuleException(ModuleStatus.CONFLICT, module.id() + " is registered for an image");
            }
            synchronized (changes) {
                if (loader.running(module).isPresent()) {
                    throw new ModuleException(ModuleStatus.CONFLICT, module.id() + " is loaded; unload it first");
                }
                try {
                    store.delete(module);
                } catch (IOException e) {
                    throw new ModuleException(ModuleStatus.FAILED, "cannot delete " + module.id() + ": " + e.getMessage());
                }
            }
            return new Outcome("deleted " + module.id() + " from the store", "");
        });
    }

    @Override
    public void clearQuarantine(Requester requester, String symbolicName, String version) {
        perform(requester, Verb.LOAD, symbolicName, version, module -> {
            requireAdmin(requester);
            store.update(module.withState(ModuleState.STORED, ""));
            return new Outcome("quarantine of " + module.id() + " cleared", "");
        });
    }

    @Override
    public Map<String, String> configurationWhitelist() {
        return configurationChanges.whitelist();
    }

    // ---- VM lifecycle ----

    @Override
    public void beforeStart(String connectionId, VmInfo vm) throws VmStartVetoedException {
        String image = imageOf(vm);
        Requester system = new Requester(vm.id().uuid(), image, "system", true, "vm-start");
        try {
            List<ModuleInfo> loaded = prepareImage(image);
            if (!loaded.isEmpty()) {
                recorder.record(system, Verb.LOAD, "image " + image, ModuleStatus.OK, "loaded before VM start: "
                        + loaded.stream().map(ModuleInfo::id).toList(), false);
            }
        } catch (ModuleException e) {
            recorder.record(system, Verb.LOAD, "image " + image, e.status(), e.getMessage(), false);
            throw new VmStartVetoedException("the module host", "a module registered for image " + image
                    + " could not be loaded: " + e.getMessage());
        }
        try {
            lifecycle.vmStarting(vm, image);
        } catch (VmStartVetoedException e) {
            recorder.record(system, Verb.CALL, "start of VM " + vm.name(), ModuleStatus.DENIED, e.getMessage(), false);
            throw e;
        }
    }

    /** A VM started outside Deskplane (virsh, another tool): its registered modules are loaded now. */
    @Override
    public void handleEvent(Event event) {
        Object uuid = event.getProperty(HypervisorEvents.PROPERTY_UUID);
        Object connection = event.getProperty(HypervisorEvents.PROPERTY_CONNECTION);
        if (uuid == null) {
            return;
        }
        background.execute(() -> {
            String image = imageOf(String.valueOf(connection), uuid.toString());
            if (registrations.of(image).isEmpty()) {
                return;
            }
            Requester system = new Requester(uuid.toString(), image, "system", true, "vm-started");
            try {
                List<ModuleInfo> loaded = prepareImage(image);
                recorder.record(system, Verb.LOAD, "image " + image, ModuleStatus.OK,
                        "loaded after the VM started: " + loaded.stream().map(ModuleInfo::id).toList(), false);
            } catch (ModuleException e) {
                recorder.record(system, Verb.LOAD, "image " + image, e.status(), e.getMessage(), false);
            }
        });
    }

    // ---- helpers ----

    private record Outcome(String message, String restart) {
    }

    private interface ModuleAction {
        Outcome run(StoredModule module);
    }

    private ModuleRequest perform(Requester requester, Verb verb, String symbolicName, String version,
            ModuleAction action) {
        String target = symbolicName + "/" + version;
        try {
            ModuleStore.requireName(symbolicName);
            String exact = ModuleStore.canonical(version);
            target = symbolicName + "/" + exact;
            StoredModule module = store.require(symbolicName, exact);
            authorize(requester, verb, symbolicName, signer(module));
            Outcome outcome = action.run(module);
            boolean restart = !outcome.restart().isEmpty();
            String message = restart ? outcome.message() + "; the module asks for a restart of the "
                    + outcome.restart() : outcome.message();
            if (restart) {
                postRestartRequest(module, outcome.restart());
            }
            return recorder.record(requester, verb, target, ModuleStatus.OK, message, restart);
        } catch (ModuleException e) {
            throw failed(requester, verb, target, e);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "module request " + verb + " " + target + " failed", e);
            throw failed(requester, verb, target, new ModuleException(ModuleStatus.FAILED, String.valueOf(e.getMessage()), e));
        }
    }

    /** Records the failure and hands it on, with the request id the guest can ask about later. */
    private ModuleException failed(Requester requester, Verb verb, String target, ModuleException e) {
        ModuleRequest request = recorder.record(requester, verb, target, e.status(), e.getMessage(), false);
        return new ModuleException(e.status(), e.getMessage() + " (request " + request.id() + ")", e);
    }

    private void authorize(Requester requester, Verb verb, String module, SignerInfo signer) {
        if (requester.admin()) {
            return;
        }
        ModulePolicies current = policies;
        String reason = current == null ? "the module policy is not available on this host"
                : current.deniedReason(requester, verb, module, signer);
        if (reason != null) {
            throw new ModuleException(ModuleStatus.DENIED, reason);
        }
    }

    private static void requireAdmin(Requester requester) {
        if (!requester.admin()) {
            throw new ModuleException(ModuleStatus.DENIED, "only an administrator may do this");
        }
    }

    private SignerInfo verifyForUpload(Requester requester, Path jar) {
        SignerInfo signer = verify(jar);
        authorize(requester, Verb.UPLOAD, BundleIdentity.of(jar).symbolicName(), signer);
        return signer;
    }

    private SignerInfo verify(Path jar) {
        ModuleTrust current = trust;
        if (current == null) {
            throw new ModuleException(ModuleStatus.FAILED,
                    "the module trust service (org.deskplane.modules.trust) is not running: nothing can be verified");
        }
        return current.verify(jar);
    }

    private static SignerInfo signer(StoredModule module) {
        return new SignerInfo(module.signer(), module.signerSha256(), "", null);
    }

    /** What the module's manifest asks to restart once it is loaded ("vm", "host"), or "". */
    private String restartRequest(StoredModule module) {
        return BundleIdentity.of(store.jar(module)).restartRequest();
    }

    private void postRestartRequest(StoredModule module, String what) {
        EventAdmin admin = eventAdmin;
        if (admin != null) {
            admin.postEvent(new Event("org/deskplane/modules/RESTART_REQUESTED",
                    Map.of("module", module.id(), "restart", what)));
        }
    }

    private StoredModule fetchFromUpdateSite(Registration registration) {
        String site = config.updateSite();
        ModuleFetcher current = fetcher;
        String id = registration.symbolicName() + " " + registration.version();
        if (site == null || site.isBlank()) {
            throw new ModuleException(ModuleStatus.NOT_FOUND, id + " is registered but not on this host, and no "
                    + "module update site is configured");
        }
        if (current == null) {
            throw new ModuleException(ModuleStatus.FAILED, id + " must be fetched from " + site + ", but p2 is not "
                    + "available on this host");
        }
        Path staged = store.stagingDir().resolve("fetch-" + System.nanoTime() + ".jar.part");
        try {
            try {
                current.fetch(URI.create(site), registration.symbolicName(), registration.version(), staged,
                        config.maxModuleBytes());
            } catch (ModuleException e) {
                throw new ModuleException(e.status(), id + " is not on this host and could not be fetched: "
                        + e.getMessage(), e);
            }
            SignerInfo signer = verify(staged);
            BundleIdentity identity = BundleIdentity.of(staged);
            if (!identity.symbolicName().equals(registration.symbolicName())
                    || !identity.version().equals(registration.version())) {
                throw new ModuleException(ModuleStatus.INVALID, "the update site's artifact for " + id + " is "
                        + identity.symbolicName() + " " + identity.version());
            }
            StoredModule record = new StoredModule(identity.symbolicName(), identity.version(), sha256(staged),
                    Files.size(staged), signer.subject(), signer.sha256(), ModuleState.STORED, "", Instant.now());
            return store.commit(staged, record);
        } catch (IOException e) {
            throw new ModuleException(ModuleStatus.FAILED, "cannot store " + id + ": " + e.getMessage(), e);
        } finally {
            try {
                Files.deleteIfExists(staged);
            } catch (IOException e) {
                // emptied at the next start
            }
        }
    }

    private static String sha256(Path file) throws IOException {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            try (var in = Files.newInputStream(file)) {
                byte[] buffer = new byte[65536];
                int n;
                while ((n = in.read(buffer)) > 0) {
                    digest.update(buffer, 0, n);
                }
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private String imageOf(VmInfo vm) {
        String image = vm.metadata().get(config.imageMetadataKey());
        return image == null || image.isBlank() ? vm.id().uuid() : image;
    }

    private String imageOf(String connectionId, String uuid) {
        List<HypervisorConnection> current = connections;
        if (current != null) {
            for (HypervisorConnection connection : current) {
                if (connection.id().equals(connectionId)) {
                    try {
                        return imageOf(connection.vm(uuid));
                    } catch (HypervisorException e) {
                        break;
                    }
                }
            }
        }
        return uuid;
    }

    /** Modules that were loaded when the server stopped are loaded again (unless the framework kept them). */
    private void reloadAfterRestart() {
        for (StoredModule module : store.all()) {
            if (module.state() != ModuleState.LOADED) {
                continue;
            }
            try {
                synchronized (changes) {
                    loader.load(module);
                }
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "module " + module.id() + " could not be loaded again after a restart", e);
            }
        }
    }

    private void announceServerStart(BundleContext bundleContext) {
        if (bundleContext.getBundle(0).getState() == Bundle.ACTIVE) {
            lifecycle.serverStarted();
            return;
        }
        startListener = event -> {
            if (event.getType() == FrameworkEvent.STARTED) {
                lifecycle.serverStarted();
            }
        };
        bundleContext.addFrameworkListener(startListener);
    }

    private static VersionRange range(String text) {
        if (text == null || text.isBlank()) {
            return new VersionRange("0");
        }
        try {
            return new VersionRange(text.trim());
        } catch (IllegalArgumentException e) {
            throw new ModuleException(ModuleStatus.INVALID, "not an OSGi version range: " + text);
        }
    }

    /** Records the upload's outcome (with the module it turned out to be) when it is committed or given up. */
    private final class RecordedUpload implements UploadSession {
        private final StagedUpload upload;
        private final Requester requester;
        private boolean recorded;

        RecordedUpload(StagedUpload upload, Requester requester) {
            this.upload = upload;
            this.requester = requester;
        }

        @Override
        public String id() {
            return upload.id();
        }

        @Override
        public void write(byte[] chunk, int offset, int length) {
            try {
                upload.write(chunk, offset, length);
            } catch (ModuleException e) {
                recorded = true;
                throw failed(requester, Verb.UPLOAD, "upload " + upload.id(), e);
            }
        }

        @Override
        public long received() {
            return upload.received();
        }

        @Override
        public ModuleInfo commit() {
            try {
                ModuleInfo info = upload.commit();
                recorded = true;
                recorder.record(requester, Verb.UPLOAD, info.id(), ModuleStatus.OK,
                        "stored, signed by " + info.signer(), false);
                return info;
            } catch (ModuleException e) {
                recorded = true;
                throw failed(requester, Verb.UPLOAD, "upload " + upload.id(), e);
            }
        }

        @Override
        public void close() {
            upload.close();
            if (!recorded) {
                recorded = true;
                recorder.record(requester, Verb.UPLOAD, "upload " + upload.id(), ModuleStatus.FAILED,
                        "abandoned after " + upload.received() + " bytes; nothing was kept", false);
            }
        }
    }
}
