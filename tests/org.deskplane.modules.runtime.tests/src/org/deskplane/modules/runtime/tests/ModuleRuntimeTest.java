package org.deskplane.modules.runtime.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;

import org.deskplane.modules.api.ModuleException;
import org.deskplane.modules.api.ModuleStatus;
import org.deskplane.modules.runtime.tests.hostile.DependantActivator;
import org.deskplane.modules.runtime.tests.hostile.EscapeActivator;
import org.deskplane.modules.runtime.tests.hostile.ExitActivator;
import org.deskplane.modules.runtime.tests.hostile.FileActivator;
import org.deskplane.modules.runtime.tests.hostile.GoodActivator;
import org.deskplane.modules.runtime.tests.hostile.LeakyActivator;
import org.deskplane.modules.runtime.tests.hostile.ProbeActivator;
import org.deskplane.modules.runtime.tests.hostile.ReaderActivator;
import org.deskplane.modules.runtime.tests.hostile.SpinActivator;
import org.deskplane.modules.runtime.tests.hostile.ThrowingComponent;
import org.deskplane.modules.runtime.tests.hostile.lib.Greeting;
import org.deskplane.modules.spi.ModuleRuntime;
import org.deskplane.modules.spi.RuntimeModule;
import org.eclipse.equinox.region.Region;
import org.eclipse.equinox.region.RegionDigraph;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.ServiceRegistration;
import org.osgi.framework.wiring.BundleWire;
import org.osgi.framework.wiring.BundleWiring;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;
import org.osgi.util.tracker.ServiceTracker;

class ModuleRuntimeTest {

    private static final String REGION = "org.deskplane.modules";
    private static final Duration START = Duration.ofSeconds(20);

    private final BundleContext context = FrameworkUtil.getBundle(ModuleRuntimeTest.class).getBundleContext();
    private final List<Long> installed = new ArrayList<>();
    private final List<Event> problems = new CopyOnWriteArrayList<>();
    private ServiceRegistration<EventHandler> problemListener;

    @TempDir
    Path jars;

    @BeforeEach
    void listenForProblems() {
        Hashtable<String, Object> props = new Hashtable<>();
        props.put(EventConstants.EVENT_TOPIC, "org/deskplane/modules/PROBLEM");
        problemListener = context.registerService(EventHandler.class, problems::add, props);
    }

    @AfterEach
    void uninstallModules() {
        problemListener.unregister();
        for (long id : installed) {
            try {
                if (runtime().module(id).isPresent()) {
                    runtime().uninstall(id);
                }
            } catch (ModuleException e) {
                // already gone or quarantined: nothing else to clean
            }
        }
    }

    @Test
    void wellBehavedModuleRegistersAServiceTheServerSees() throws Exception {
        RuntimeModule module = install(ModuleJars.module("test.good", "1.0.0").activator(GoodActivator.class)
                .header("Import-Package", "org.osgi.framework;version=\"[1.8,2)\",org.osgi.service.event"));
        RuntimeModule started = runtime().start(module.bundleId(), START);

        assertEquals("ACTIVE", started.state());
        ServiceReference<?> ref = awaitService(EventHandler.class.getName(), "(module=test.good)");
        assertEquals(REGION, digraph().getRegion(ref.getBundle()).getName(), "registered from the module region");
        assertEquals(module.bundleId(), ref.getBundle().getBundleId());
    }

    @Test
    void importingANonGrantedPackageFailsToResolveNamingThePackage() throws Exception {
        assertTrue(List.of(context.getBundles()).stream()
                .anyMatch(b -> b.getSymbolicName().equals("org.deskplane.bundles.api") && b.getState() >= Bundle.RESOLVED),
                "the package is exported in the server, only the region hides it");
        RuntimeModule module = install(ModuleJars.module("test.badimport", "1.0.0").activator(GoodActivator.class)
                .header("Import-Package", "org.osgi.framework,org.deskplane.bundles.api;version=\"[1.0,2.0)\""));

        ModuleException e = assertThrows(ModuleException.class, () -> runtime().start(module.bundleId(), START));

        assertEquals(ModuleStatus.ACTIVATION_FAILED, e.status());
        assertTrue(e.getMessage().contains("org.deskplane.bundles.api"), e.getMessage());
        assertTrue(runtime().module(module.bundleId()).orElseThrow().problems().stream()
                .anyMatch(p -> p.contains("org.deskplane.bundles.api")));
    }

    @Test
    void nonGrantedServicesAreInvisibleToModules() throws Exception {
        assertNotNull(context.getServiceReference("org.osgi.service.cm.ConfigurationAdmin"), "ConfigAdmin runs");
        ServiceRegistration<?> secret = context.registerService(Secret.class, new Secret() { }, null);
        try {
            RuntimeModule module = install(ModuleJars.module("test.probe", "1.0.0").activator(ProbeActivator.class));
            runtime().start(module.bundleId(), START);

            ServiceReference<?> probe = awaitService(Runnable.class.getName(), "(probe=test.probe)");
            assertEquals(Boolean.FALSE, probe.getProperty("configAdmin"));
            assertEquals(Boolean.FALSE, probe.getProperty("secret"));
            assertEquals(Boolean.TRUE, probe.getProperty("eventAdmin"), "a granted service is visible");
        } finally {
            secret.unregister();
        }
    }

    @Test
    void aComponentThatThrowsInActivateFailsTheActivation() throws Exception {
        RuntimeModule module = install(ModuleJars.module("test.throwing", "1.0.0").add(ThrowingComponent.class)
                .header("Service-Component", "OSGI-INF/throwing.xml")
                .text("OSGI-INF/throwing.xml", "<scr:component xmlns:scr=\"http://www.osgi.org/xmlns/scr/v1.3.0\" "
                        + "name=\"test.throwing\" immediate=\"true\" activate=\"activate\">"
                        + "<implementation class=\"" + ThrowingComponent.class.getName() + "\"/></scr:component>"));

        ModuleException e = assertThrows(ModuleException.class, () -> runtime().start(module.bundleId(), START));

        assertEquals(ModuleStatus.ACTIVATION_FAILED, e.status());
        assertTrue(e.getMessage().contains("test.throwing failed to activate"), e.getMessage());
        assertTrue(runtime().module(module.bundleId()).orElseThrow().problems().stream()
                .anyMatch(p -> p.contains("component refuses to start")));
    }

    @Test
    void systemExitIsContainedAndRecorded() throws Exception {
        RuntimeModule module = install(ModuleJars.module("test.exit", "1.0.0").activator(ExitActivator.class));

        ModuleException e = assertThrows(ModuleException.class, () -> runtime().start(module.bundleId(), START));

        assertEquals(ModuleStatus.ACTIVATION_FAILED, e.status());
        assertTrue(e.getMessage().contains("SecurityException"), e.getMessage());
        assertEquals(Bundle.ACTIVE, context.getBundle(0).getState(), "the framework still runs");
        RuntimeModule after = runtime().module(module.bundleId()).orElseThrow();
        assertTrue(after.problems().stream().anyMatch(p -> p.contains("System.exit")), after.problems().toString());
        await(() -> problems.stream().anyMatch(ev -> "test.exit".equals(ev.getProperty("bundle.symbolicName"))
                && String.valueOf(ev.getProperty("problem")).contains("System.exit")), "PROBLEM event");
    }

    @Test
    void fileAccessIsLimitedToTheModulesDataArea() throws Exception {
        assertTrue(Files.isReadable(Path.of("/etc/passwd")), "the server itself can read it");
        RuntimeModule module = install(ModuleJars.module("test.files", "1.0.0").activator(FileActivator.class));
        runtime().start(module.bundleId(), START);

        ServiceReference<?> result = awaitService(Runnable.class.getName(), "(files=test.files)");
        assertEquals("refused", result.getProperty("passwdStream"));
        assertEquals("refused", result.getProperty("passwdNio"));
        assertEquals("ok", result.getProperty("ownWrite"));
        assertEquals("ok", result.getProperty("ownRead"));
        assertEquals("refused", result.getProperty("outsideWrite"));
        Path data = Path.of(context.getProperty("deskplane.data"), "modules", "data");
        assertEquals("mine", Files.readString(data.resolve("test.files").resolve("note.txt")));
        assertFalse(Files.exists(data.resolve("escape.txt")));
        assertTrue(runtime().module(module.bundleId()).orElseThrow().problems().stream()
                .anyMatch(p -> p.contains("/etc/passwd")));
    }

    @Test
    void escapeHatchesAroundTheGuardsAreRefused() throws Exception {
        Bundle eventAdmin = context.getServiceReference("org.osgi.service.event.EventAdmin").getBundle();
        RuntimeModule module = install(ModuleJars.module("test.escape", "1.0.0").activator(EscapeActivator.class));
        runtime().start(module.bundleId(), START);

        ServiceReference<?> result = awaitService(Runnable.class.getName(), "(escape=test.escape)");
        assertEquals("refused", result.getProperty("reflectiveExit"));
        assertEquals("refused", result.getProperty("exec"), "test.escape is not in execAllowed");
        assertEquals("ok", result.getProperty("methodReference"), "lambdas are not method references");
        assertEquals("refused", result.getProperty("fileSizeRef"));
        assertEquals("refused", result.getProperty("installBundle"));
        assertEquals("refused", result.getProperty("fileUrl"));
        assertEquals("refused", result.getProperty("stopServerBundle"));
        assertEquals("refused", result.getProperty("setAccessible"));
        assertEquals(Bundle.ACTIVE, eventAdmin.getState(), "the server's bundle still runs");
    }

    @Test
    void aGrantedReadRootIsReadableButNotWritable(@TempDir Path granted) throws Exception {
        Path file = Files.writeString(granted.resolve("image.txt"), "disk image");
        ServiceReference<ConfigurationAdmin> cmRef = context.getServiceReference(ConfigurationAdmin.class);
        Configuration configuration = context.getService(cmRef).getConfiguration("org.deskplane.modules.runtime", "?");
        String grant = "test.reader=" + granted;
        Hashtable<String, Object> props = new Hashtable<>();
        props.put("grantedReadRoots", new String[] {grant});
        configuration.update(props);
        try {
            awaitService(ModuleRuntime.class.getName(), "(grantedReadRoots=" + grant + ")");
            RuntimeModule module = install(ModuleJars.module("test.reader", "1.0.0").activator(ReaderActivator.class)
                    .header("X-Read-Path", file.toString()));
            runtime().start(module.bundleId(), START);

            ServiceReference<?> result = awaitService(Runnable.class.getName(), "(reader=test.reader)");
            assertEquals("ok", result.getProperty("read"));
            assertEquals("refused", result.getProperty("write"));
            assertFalse(Files.exists(granted.resolve("written.txt")));
        } finally {
            configuration.delete();
        }
    }

    @Test
    void aModuleThatNeverFinishesStartingTimesOutAndIsLeftStopped() throws Exception {
        RuntimeModule module = install(ModuleJars.module("test.spin", "1.0.0").activator(SpinActivator.class));
        Bundle bundle = context.getBundle(module.bundleId());
        try {
            ModuleException e = assertThrows(ModuleException.class,
                    () -> runtime().start(module.bundleId(), Duration.ofSeconds(1)));

            assertEquals(ModuleStatus.ACTIVATION_TIMEOUT, e.status());
            assertTrue(runtime().module(module.bundleId()).orElseThrow().problems().stream()
                    .anyMatch(p -> p.contains("did not finish")));
            assertEquals(ModuleStatus.CONFLICT, assertThrows(ModuleException.class,
                    () -> runtime().start(module.bundleId(), START)).status(), "quarantined while still starting");
        } finally {
            // the module's own class, loaded in the module region: release the spin so it stops burning a core
            bundle.loadClass(SpinActivator.class.getName()).getField("released").setBoolean(null, true);
        }
        await(() -> bundle.getState() == Bundle.RESOLVED, "stopped once its activation returned");
    }

    @Test
    void aThreadLeftRunningAfterStopIsReportedAndInterrupted() throws Exception {
        RuntimeModule module = install(ModuleJars.module("test.leaky", "1.0.0").activator(LeakyActivator.class));
        runtime().start(module.bundleId(), START);
        assertTrue(leakyThreadAlive());

        runtime().uninstall(module.bundleId());

        await(() -> problems.stream().anyMatch(ev -> "test.leaky".equals(ev.getProperty("bundle.symbolicName"))
                && "leaked thread leaky-worker".equals(ev.getProperty("problem"))), "leaked thread event");
        await(() -> !leakyThreadAlive(), "the leaked thread was interrupted");
    }

    @Test
    void replaceRewiresDependantsToTheNewVersion() throws Exception {
        RuntimeModule lib = install(library("1.0.0"));
        RuntimeModule dependant = install(ModuleJars.module("test.dependant", "1.0.0")
                .activator(DependantActivator.class)
                .header("Import-Package", "org.osgi.framework,"
                        + "org.deskplane.modules.runtime.tests.hostile.lib;version=\"[1.0,2.0)\""));
        runtime().start(lib.bundleId(), START);
        runtime().start(dependant.bundleId(), START);
        awaitService(Runnable.class.getName(), "(&(dependant=test.dependant)(libVersion=1.0.0))");

        Path newJar = library("1.1.0").write(jars);
        RuntimeModule replacement = runtime().replace(lib.bundleId(), "test:lib-1.1.0-" + System.nanoTime(), newJar,
                START);
        installed.add(replacement.bundleId());

        assertEquals("1.1.0", replacement.version());
        assertEquals("ACTIVE", replacement.state());
        assertTrue(runtime().module(lib.bundleId()).isEmpty(), "the old version is gone");
        Bundle dependantBundle = context.getBundle(dependant.bundleId());
        assertEquals(Bundle.ACTIVE, dependantBundle.getState());
        List<BundleWire> wires = dependantBundle.adapt(BundleWiring.class).getRequiredWires("osgi.wiring.package");
        assertTrue(wires.stream().anyMatch(w -> w.getProvider().getBundle().getBundleId() == replacement.bundleId()),
                "wired to the new version");
        awaitService(Runnable.class.getName(), "(&(dependant=test.dependant)(libVersion=1.1.0))");
    }

    @Test
    void theRegionAndItsModulesSurviveARestartOfTheRuntime() throws Exception {
        RuntimeModule module = install(ModuleJars.module("test.persistent", "1.0.0").activator(GoodActivator.class)
                .header("Import-Package", "org.osgi.framework,org.osgi.service.event"));
        Bundle runtimeBundle = FrameworkUtil.getBundle(runtime().getClass());
        Region before = digraph().getRegion(REGION);

        runtimeBundle.stop();
        runtimeBundle.start();

        ModuleRuntime restarted = runtime();
        assertTrue(restarted.module(module.bundleId()).isPresent(), "the module is still a module");
        assertEquals(before, digraph().getRegion(REGION), "the same region, found again rather than recreated");
        assertEquals(1, digraph().getRegion(REGION).getEdges().size(), "one edge to the server, not a second");
        RuntimeModule started = restarted.start(module.bundleId(), START);
        assertEquals("ACTIVE", started.state());
    }

    @Test
    void aModuleBundleFoundOutsideTheRegionIsUninstalledNotLeftUnisolated() throws Exception {
        // what a crash leaves: the framework kept the module bundle, the region digraph (saved at a clean stop) did not
        Path file = ModuleJars.module("test.stray", "1.0.0").activator(GoodActivator.class)
                .header("Import-Package", "org.osgi.framework,org.osgi.service.event").write(jars);
        Bundle stray;
        try (java.io.InputStream in = java.nio.file.Files.newInputStream(file)) {
            stray = FrameworkUtil.getBundle(getClass()).getBundleContext()
                    .installBundle("deskplane-module:test.stray/1.0.0", in);
        }
        assertFalse(digraph().getRegion(REGION).contains(stray), "installed beside the server, as after a crash");
        Bundle runtimeBundle = FrameworkUtil.getBundle(runtime().getClass());
        runtimeBundle.stop();
        runtimeBundle.start();
        runtime();
        assertEquals(Bundle.UNINSTALLED, stray.getState(), "the runtime removed the unisolated module bundle");

        RuntimeModule again = runtime().install("deskplane-module:test.stray/1.0.0", file);
        installed.add(again.bundleId());
        assertEquals(REGION, digraph().getRegion(again.bundleId()).getName(), "installed again, in the region");
    }

    private ModuleJars library(String version) {
        return ModuleJars.module("test.lib", version).add(Greeting.class)
                .header("Export-Package", "org.deskplane.modules.runtime.tests.hostile.lib;version=" + version);
    }

    private RuntimeModule install(ModuleJars jar) throws Exception {
        Path file = jar.write(jars);
        RuntimeModule module = runtime().install("test:" + file.getFileName() + "-" + System.nanoTime(), file);
        installed.add(module.bundleId());
        assertEquals(REGION, digraph().getRegion(module.bundleId()).getName());
        return module;
    }

    private static boolean leakyThreadAlive() {
        return Thread.getAllStackTraces().keySet().stream()
                .anyMatch(t -> t.getName().equals("leaky-worker") && t.isAlive());
    }

    private ModuleRuntime runtime() {
        return service(ModuleRuntime.class);
    }

    private RegionDigraph digraph() {
        return service(RegionDigraph.class);
    }

    private <T> T service(Class<T> type) {
        ServiceTracker<T, T> tracker = new ServiceTracker<>(context, type, null);
        tracker.open();
        try {
            T service = tracker.waitForService(30_000);
            assertNotNull(service, type.getName() + " not available");
            return service;
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        } finally {
            tracker.close();
        }
    }

    private ServiceReference<?> awaitService(String type, String filter) throws Exception {
        ServiceTracker<Object, Object> tracker = new ServiceTracker<>(context,
                context.createFilter("(&(objectClass=" + type + ")" + filter + ")"), null);
        tracker.open(true);
        try {
            assertNotNull(tracker.waitForService(20_000), "no service " + type + " " + filter);
            return tracker.getServiceReference();
        } finally {
            tracker.close();
        }
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("timed out waiting for: " + what);
            }
            Thread.sleep(20);
        }
    }
}
