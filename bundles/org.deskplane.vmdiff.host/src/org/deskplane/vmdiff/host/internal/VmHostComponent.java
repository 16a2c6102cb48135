package org.deskplane.vmdiff.host.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.deskplane.hypervisor.api.HypervisorConnection;
import org.deskplane.hypervisor.api.HypervisorException;
import org.deskplane.vmdiff.api.Activity;
import org.deskplane.vmdiff.api.CopyRelation;
import org.deskplane.vmdiff.api.DifferenceException;
import org.deskplane.vmdiff.api.DifferenceException.Kind;
import org.deskplane.vmdiff.api.DifferenceServer;
import org.deskplane.vmdiff.api.DifferenceSource;
import org.deskplane.vmdiff.api.Generation;
import org.deskplane.vmdiff.api.RunLease;
import org.deskplane.vmdiff.api.VmHost;
import org.deskplane.vmdiff.qcow2.Qcow2Image;
import org.deskplane.vmdiff.qcow2.Qcow2Writer;
import org.deskplane.vmdiff.store.BaseTransfer;
import org.deskplane.vmdiff.store.DeltaPull;
import org.deskplane.vmdiff.store.DifferenceCopy;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * One host's VM mobility, configured per host (factory configuration): its copy of the differences, the hypervisor
 * connection it runs VMs on, and the server when it can be reached (a dynamic reference: without it the host keeps
 * working from its own copy for the VMs whose lease it holds).
 */
@Component(service = VmHost.class, configurationPid = VmHostComponent.PID, configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = VmHostComponent.Config.class, factory = true)
public final class VmHostComponent implements VmHost {
    public static final String PID = "org.deskplane.vmdiff.host";
    private static final Logger LOG = Logger.getLogger(VmHostComponent.class.getName());

    @ObjectClassDefinition(name = "Deskplane VM mobility host")
    public @interface Config {
        @AttributeDefinition(name = "vmdiff.host", description = "This host's name (the lease holder's name)")
        String vmdiff_host();

        @AttributeDefinition(description = "Folder of this host's copy and working files")
        String dataDirectory();

        @AttributeDefinition(name = "connection.target", description = "Filter of the hypervisor connection VMs run on, e.g. (connection.id=local)")
        String connection_target() default "(connection.id=local)";

        @AttributeDefinition(name = "server.target", description = "Filter of the server to use: (vmdiff.server=local) in the server's own process, (vmdiff.server=remote) on a host reaching it over the network")
        String server_target() default "(vmdiff.server=*)";

        @AttributeDefinition(description = "Milliseconds between looks at trigger files, release requests and pushes still owed")
        long pollMillis() default 1000;

        @AttributeDefinition(description = "Seconds a move waits for the host holding the VM elsewhere to let go")
        long moveTimeoutSeconds() default 300;
    }

    @Reference(name = "connection")
    private HypervisorConnection connection;

    @Reference(name = "server", cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile DifferenceServer server;

    private final Map<String, String> running = new ConcurrentHashMap<>();
    private GuestRunner guests;
    private final Map<String, Activity> activities = new ConcurrentHashMap<>();
    private String hostId;
    private DifferenceCopy copy;
    private HostFolders folders;
    private ScheduledExecutorService poller;
    private long pollMillis;
    private java.time.Duration moveTimeout;

    @Activate
    void activate(Config config) throws IOException {
        hostId = config.vmdiff_host();
        guests = new GuestRunner(connection);
        pollMillis = Math.max(100, config.pollMillis());
        moveTimeout = java.time.Duration.ofSeconds(Math.max(1, config.moveTimeoutSeconds()));
        Path root = Path.of(config.dataDirectory());
        copy = new DifferenceCopy(root.resolve("copy"), hostId);
        folders = new HostFolders(root);
        recoverAfterRestart();
        poller = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "deskplane-vmdiff-" + hostId);
            t.setDaemon(true);
            return t;
        });
        poller.scheduleWithFixedDelay(new HostChores(this, folders, () -> server), config.pollMillis(), Math.max(100, config.pollMillis()), TimeUnit.MILLISECONDS);
    }

    @Deactivate
    void deactivate() throws IOException {
        poller.shutdownNow();
        copy.close();
    }

    @Override
    public String hostId() {
        return hostId;
    }

    @Override
    public DifferenceSource copy() {
        return copy;
    }

    @Override
    public String installBase(Path image, String format, String expectedSha256) throws DifferenceException {
        try {
            return copy.installBase(image, format, expectedSha256);
        } catch (IOException e) {
            throw new DifferenceException(Kind.NOT_FOUND, "the base image " + image + " could not be read: " + e.getMessage(), e);
        }
    }

    @Override
    public List<String> running() {
        return new ArrayList<>(running.keySet());
    }

    @Override
    public synchronized void launch(String vm, String domainXml, String baseSha256, String baseFormat) throws DifferenceException {
        try {
            if (copy.head(vm).isPresent() || running.containsKey(vm)) {
                throw new DifferenceException(Kind.INVALID, vm + " already exists: resume it instead");
            }
            Path base = copy.requireBase(baseSha256, baseFormat); // before the lease: a host without the base takes nothing
            RunLease lease = reachableServer().leases().acquire(vm, hostId);
            folders.keepLease(lease);
            long virtualSize = "raw".equals(baseFormat) ? Files.size(base) : virtualSizeOf(base);
            Path working = folders.working(vm);
            Files.deleteIfExists(working);
            try (Qcow2Writer overlay = Qcow2Writer.create(working, virtualSize, 65536, base.toString(), baseFormat)) {
                overlay.finish();
            }
            String uuid = guests.boot(domainXml, working);
            folders.writeRunInfo(vm, baseSha256, baseFormat, uuid, guests.definition(uuid));
            running.put(vm, uuid);
        } catch (IOException | HypervisorException e) {
            throw new DifferenceException(Kind.INVALID, "launching " + vm + " on " + hostId + ": " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized Generation suspend(String vm) throws DifferenceException {
        String uuid = running.get(vm);
        if (uuid == null) {
            throw new DifferenceException(Kind.INVALID, vm + " does not run on " + hostId);
        }
        Path saved = folders.savedState(vm);
        try {
            Files.deleteIfExists(saved);
            activity(vm, "suspend", "saving memory");
            guests.save(uuid, saved);
            try {
                activity(vm, "suspend", "capturing the difference");
                Generation generation = captureStopped(vm, saved);
                activity(vm, "suspend", "pushing to the server");
                pushOrRemember(vm);
                return generation;
            } finally {
                running.remove(vm); // listed until its generation is out, so watchers see a finished suspend
            }
        } catch (IOException | HypervisorException e) {
            throw new DifferenceException(Kind.INVALID, "suspending " + vm + " on " + hostId + ": " + e.getMessage(), e);
        } finally {
            activities.remove(vm);
        }
    }

    @Override
    public synchronized Generation shutdown(String vm, java.time.Duration timeout) throws DifferenceException {
        String uuid = running.get(vm);
        if (uuid == null) {
            throw new DifferenceException(Kind.INVALID, vm + " does not run on " + hostId);
        }
        try {
            activity(vm, "shutdown", "waiting for the guest to shut down");
            if (!guests.shutDown(uuid, timeout)) {
                throw new DifferenceException(Kind.INVALID, vm + " did not shut down within " + timeout + "; it still runs on " + hostId);
            }
            try {
                activity(vm, "shutdown", "capturing the difference");
                Generation generation = captureStopped(vm, null);
                activity(vm, "shutdown", "pushing to the server");
                pushOrRemember(vm);
                return generation;
            } finally {
                running.remove(vm);
            }
        } catch (IOException | HypervisorException e) {
            throw new DifferenceException(Kind.INVALID, "shutting down " + vm + " on " + hostId + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DifferenceException(Kind.INVALID, "interrupted while " + vm + " shut down", e);
        } finally {
            activities.remove(vm);
        }
    }

    @Override
    public void fetchBase(String sha256) throws DifferenceException {
        try {
            BaseTransfer.fetch(reachableServer(), copy, sha256, (done, total) -> activities.put(sha256,
                    new Activity(sha256, "fetch base", "fetching blocks", done, total)));
        } catch (IOException e) {
            throw new DifferenceException(Kind.UNREACHABLE, "fetching base " + sha256 + " to " + hostId + ": " + e.getMessage(), e);
        } finally {
            activities.remove(sha256);
        }
    }

    /** A host that never had the VM's base gets it from the server first (resumable, checked block by block). */
    private void fetchBaseOf(DifferenceServer reachable, String vm, String action) throws IOException, DifferenceException {
        Optional<Generation> wanted = reachable.copy().head(vm);
        if (wanted.isPresent() && !Files.exists(copy.basePath(wanted.get().baseSha256(), wanted.get().baseFormat()))) {
            BaseTransfer.fetch(reachable, copy, wanted.get().baseSha256(), (done, total) -> activities.put(vm,
                    new Activity(vm, action, "fetching the base image", done, total)));
        }
    }

    @Override
    public Optional<Activity> activity(String vm) {
        return Optional.ofNullable(activities.get(vm));
    }

    private void activity(String vm, String action, String phase) {
        activities.put(vm, new Activity(vm, action, phase, 0, 0));
    }

    /**
     * The working overlay (and the saved memory state, null after a shutdown) become the next generation; then the
     * working files go.
     */
    private Generation captureStopped(String vm, Path savedState) throws IOException, DifferenceException {
        Properties info = folders.runInfoOf(vm);
        Generation generation = copy.capture(vm, folders.working(vm), savedState, new DifferenceCopy.Capture(
                info.getProperty("baseSha256"), info.getProperty("baseFormat"), info.getProperty("uuid"),
                Files.readString(folders.domainXml(vm))));
        Files.deleteIfExists(folders.savedState(vm));
        Files.deleteIfExists(folders.working(vm));
        Files.deleteIfExists(folders.runInfo(vm));
        Files.deleteIfExists(folders.domainXml(vm));
        copy.prune(vm, 2);
        LOG.info(hostId + ": " + vm + " stopped as generation " + generation.number()
                + (generation.hasMemoryState() ? " (suspended)" : " (shut down)"));
        return generation;
    }

    @Override
    public void resume(String vm) throws DifferenceException {
        resume(vm, false);
    }

    @Override
    public void moveHere(String vm) throws DifferenceException {
        resume(vm, true);
    }

    private synchronized void resume(String vm, boolean takeOver) throws DifferenceException {
        if (running.containsKey(vm)) {
            throw new DifferenceException(Kind.INVALID, vm + " already runs on " + hostId);
        }
        DifferenceServer reachable = server;
        String action = takeOver ? "move" : "resume";
        try {
            if (reachable != null) {
                activity(vm, action, takeOver ? "asking the holder to let go" : "taking the lease");
                RunLease lease = takeOver ? takeLease(reachable, vm) : reachable.leases().acquire(vm, hostId);
                folders.keepLease(lease);
                CopyRelation relation = DeltaPull.relation(copy, reachable.copy(), vm);
                switch (relation) {
                case MISSING, BEHIND -> {
                    fetchBaseOf(reachable, vm, action);
                    DeltaPull.pull(reachable.copy(), copy, vm, (done, total) -> activities.put(vm,
                            new Activity(vm, action, "pulling from the server", done, total)));
                }
                case AHEAD -> reachable.accept(copy, lease);
                case DIVERGED -> throw new DifferenceException(Kind.DIVERGED, "the copies of " + vm + " on " + hostId
                        + " and on the server went different ways: not resuming (an administrator chooses one)");
                default -> {
                }
                }
            } else {
                Optional<RunLease> mine = folders.lease(vm);
                if (mine.isEmpty() || !hostId.equals(mine.get().holder())) {
                    throw new DifferenceException(Kind.UNREACHABLE, "the server cannot be reached and " + hostId
                            + " does not hold the lease of " + vm + ": it may run elsewhere");
                }
            }
            Generation generation = copy.head(vm)
                    .orElseThrow(() -> new DifferenceException(Kind.NOT_FOUND, hostId + " has no copy of " + vm));
            activity(vm, action, "verifying the copy");
            copy.requireBase(generation.baseSha256(), generation.baseFormat());
            copy.verify(vm, generation.number());
            activity(vm, action, "starting the VM");
            Path working = folders.working(vm);
            Files.copy(copy.disk(vm, generation.number()), working, StandardCopyOption.REPLACE_EXISTING);
            String domainXml = copy.domainXml(vm, generation.number());
            folders.writeRunInfo(vm, generation.baseSha256(), generation.baseFormat(), generation.domainUuid(), domainXml);
            String uuid;
            if (generation.hasMemoryState()) {
                Path memory = copy.memory(vm, generation.number()).orElseThrow(
                        () -> new DifferenceException(Kind.CORRUPT, "the memory state of " + vm + " is gone on " + hostId));
                uuid = guests.restore(memory, working);
            } else {
                uuid = guests.boot(domainXml, working);
            }
            running.put(vm, uuid);
            LOG.info(hostId + ": " + vm + (generation.hasMemoryState() ? " resumed" : " booted") + " from generation " + generation.number());
        } catch (IOException | HypervisorException e) {
            throw new DifferenceException(Kind.INVALID, "resuming " + vm + " on " + hostId + ": " + e.getMessage(), e);
        } finally {
            activities.remove(vm);
        }
    }

    /** The VM's lease for this host; a host that holds it is asked to suspend the VM and let go. */
    private RunLease takeLease(DifferenceServer reachable, String vm) throws DifferenceException {
        try {
            return reachable.leases().acquire(vm, hostId);
        } catch (DifferenceException e) {
            if (e.kind() != Kind.LEASE_HELD) {
                throw e;
            }
            String holder = reachable.leases().current(vm).map(RunLease::holder).orElse("");
            // through the server, which every host watches: the holder may be on any machine
            awaitRelease(reachable, vm, holder);
            return reachable.leases().acquire(vm, hostId);
        }
    }

    /** Asks the holder, through the server, to let go, and waits until it did. */
    private void awaitRelease(DifferenceServer reachable, String vm, String holder) throws DifferenceException {
        reachable.leases().requestRelease(vm, hostId);
        long deadline = System.nanoTime() + moveTimeout.toNanos();
        while (reachable.leases().current(vm).filter(l -> !l.holder().equals(hostId)).isPresent()) {
            if (System.nanoTime() > deadline) {
                throw new DifferenceException(Kind.LEASE_HELD, holder + " did not let go of " + vm + " within " + moveTimeout
                        + " (it may be off or cut off from the server); it still holds the VM");
            }
            try {
                Thread.sleep(Math.max(100, pollMillis / 2));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new DifferenceException(Kind.INVALID, "interrupted while waiting for " + holder + " to let go of " + vm, e);
            }
        }
    }

    @Override
    public synchronized void release(String vm) throws DifferenceException {
        if (running.containsKey(vm)) {
            suspend(vm);
        }
        DifferenceServer reachable = reachableServer();
        try {
            Optional<RunLease> lease = folders.lease(vm);
            if (lease.isEmpty()) {
                return;
            }
            if (Files.exists(folders.pending(vm)) || DeltaPull.relation(copy, reachable.copy(), vm) == CopyRelation.AHEAD) {
                reachable.accept(copy, lease.get());
                Files.deleteIfExists(folders.pending(vm));
            }
            reachable.leases().release(lease.get());
            folders.dropLease(vm);
        } catch (IOException e) {
            throw new DifferenceException(Kind.INVALID, "releasing " + vm + " on " + hostId + ": " + e.getMessage(), e);
        }
    }

    private void pushOrRemember(String vm) throws IOException {
        DifferenceServer reachable = server;
        Optional<RunLease> lease = folders.lease(vm);
        if (reachable != null && lease.isPresent()) {
            try {
                reachable.accept(copy, lease.get());
                Files.deleteIfExists(folders.pending(vm));
                return;
            } catch (DifferenceException e) {
                LOG.log(e.kind() == Kind.UNREACHABLE ? Level.INFO : Level.WARNING,
                        hostId + ": pushing " + vm + " to the server failed: " + e.getMessage());
                if (e.kind() != Kind.UNREACHABLE) {
                    Files.writeString(folders.pending(vm), e.kind() + ": " + e.getMessage());
                    return;
                }
            }
        }
        Files.writeString(folders.pending(vm), "owed");
    }

    /** Pushes a generation still owed to the server, if it still is. */
    synchronized void pushOwed(String vm) throws IOException {
        if (Files.exists(folders.pending(vm))) {
            pushOrRemember(vm);
        }
    }

    /**
     * After a restart of this component (a crash, or a bundle update): VMs it started that still run are its again,
     * and a suspend cut off between saving the state and publishing it is finished — unless its generation was
     * published already (the saved state is then the very file the newest generation links to).
     */
    private void recoverAfterRestart() throws IOException {
        try (var saved = Files.newDirectoryStream(folders.root.resolve("suspending"), "*.save")) {
            for (Path state : saved) {
                String vm = state.getFileName().toString().replaceFirst("\\.save$", "");
                try {
                    Optional<Generation> head = copy.head(vm);
                    Optional<Path> published = head.flatMap(g -> copy.memory(vm, g.number()));
                    if (published.isPresent() && Files.isSameFile(published.get(), state)) {
                        Files.deleteIfExists(folders.working(vm));
                        Files.deleteIfExists(state);
                    } else if (Files.exists(folders.working(vm)) && Files.exists(folders.runInfo(vm))) {
                        captureStopped(vm, state);
                        Files.writeString(folders.pending(vm), "owed");
                    }
                } catch (DifferenceException | IOException e) {
                    LOG.warning(hostId + ": the interrupted suspend of " + vm + " could not be captured: " + e.getMessage());
                }
            }
        }
        try (var infos = Files.newDirectoryStream(folders.root.resolve("run"), "*.properties")) {
            for (Path info : infos) {
                String vm = info.getFileName().toString().replaceFirst("\\.properties$", "");
                String uuid = folders.runInfoOf(vm).getProperty("uuid", "");
                if (!uuid.isEmpty() && !Files.exists(folders.savedState(vm)) && guests.isRunning(uuid)) {
                    running.put(vm, uuid);
                    LOG.info(hostId + ": " + vm + " still runs (" + uuid + ")");
                }
            }
        }
    }

    private DifferenceServer reachableServer() throws DifferenceException {
        DifferenceServer reachable = server;
        if (reachable == null) {
            throw new DifferenceException(Kind.UNREACHABLE, "the server cannot be reached from " + hostId);
        }
        return reachable;
    }

    private static long virtualSizeOf(Path qcow2) throws IOException {
        try (Qcow2Image image = Qcow2Image.open(qcow2)) {
            return image.virtualSize();
        }
    }
}
