package org.deskplane.modules.tests;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.deskplane.channel.api.ChannelMessage;
import org.deskplane.channel.api.MessageHandler;
import org.deskplane.modules.api.ModuleHost;
import org.deskplane.modules.api.ModuleInfo;
import org.deskplane.modules.api.ModulePolicies;
import org.deskplane.modules.api.ModuleTrust;
import org.deskplane.modules.api.PolicyRule;
import org.deskplane.modules.api.Requester;
import org.deskplane.modules.api.UploadSession;
import org.deskplane.modules.api.Verb;
import org.deskplane.modules.spi.ModuleRuntime;
import org.deskplane.modules.testing.ModuleJar;
import org.deskplane.modules.testing.Signing;
import org.deskplane.modules.tests.fixture.EchoModule;
import org.deskplane.security.api.AuditEvent;
import org.deskplane.security.api.AuditLog;
import org.deskplane.security.api.AuditQuery;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.util.tracker.ServiceTracker;

/** The module host and its collaborators as the tests reach them, plus module jars made and signed for a test. */
final class Modules {

    static final Duration WAIT = Duration.ofSeconds(30);
    static final String TEST_CA = "deskplane-test-ca";

    private Modules() {
    }

    static BundleContext context() {
        return FrameworkUtil.getBundle(Modules.class).getBundleContext();
    }

    /** Trackers stay open: closing one releases the service (Felix CM's per-bundle object then refuses calls). */
    private static final java.util.Map<Class<?>, ServiceTracker<?, ?>> TRACKERS = new java.util.concurrent.ConcurrentHashMap<>();

    static <T> T service(Class<T> type) {
        @SuppressWarnings("unchecked")
        ServiceTracker<T, T> tracker = (ServiceTracker<T, T>) TRACKERS.computeIfAbsent(type, t -> {
            ServiceTracker<T, T> opened = new ServiceTracker<>(context(), type, null);
            opened.open();
            return opened;
        });
        try {
            T service = tracker.waitForService(WAIT.toMillis());
            assertNotNull(service, type.getSimpleName() + " did not appear within " + WAIT);
            return service;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    static ModuleHost host() {
        return service(ModuleHost.class);
    }

    static ModuleRuntime runtime() {
        return service(ModuleRuntime.class);
    }

    static final String SETTING_PID = "org.deskplane.test.settings";
    static final String SETTING_KEY = "greeting";

    /**
     * Configures the host once for every test class (a short activation timeout, one whitelisted setting, the test's
     * update site) and trusts the test CA.
     */
    static void prepare() throws Exception {
        ModuleHost current = host();
        if (!current.configurationWhitelist().containsKey(SETTING_PID + "/" + SETTING_KEY)) {
            org.osgi.service.cm.Configuration configuration = service(org.osgi.service.cm.ConfigurationAdmin.class)
                    .getConfiguration("org.deskplane.modules.host", "?");
            java.util.Hashtable<String, Object> properties = new java.util.Hashtable<>();
            properties.put("activationTimeoutSeconds", 3);
            properties.put("historySize", 200);
            properties.put("historyFileBytes", 64L * 1024);
            properties.put("configurationWhitelist", new String[] { SETTING_PID + "/" + SETTING_KEY + "=a test setting",
                    SETTING_PID + "/count=a number" });
            properties.put("updateSite", updateSite().toUri().toString());
            configuration.update(properties);
            waitFor("the host to take its configuration", () -> {
                try {
                    return host().configurationWhitelist().containsKey(SETTING_PID + "/" + SETTING_KEY);
                } catch (RuntimeException e) {
                    return false;
                }
            });
        }
        trustTestCa();
    }

    /** The project's own p2 update site, built by Tycho with the signed sample modules in it. */
    static Path updateSite() {
        return Path.of(System.getProperty("deskplane.test.updateSite")).toAbsolutePath().normalize();
    }

    /** The version of a sample module on the update site (its qualifier is the build's). */
    static String versionOnUpdateSite(String symbolicName) throws IOException {
        try (var plugins = Files.list(updateSite().resolve("plugins"))) {
            return plugins.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(symbolicName + "_"))
                    .map(n -> n.substring(symbolicName.length() + 1, n.length() - ".jar".length())).findFirst()
                    .orElseThrow(() -> new AssertionError(symbolicName + " is not on the update site " + updateSite()));
        }
    }

    /** The administrator trusts the test CA (what an admin does once per deployment). */
    static void trustTestCa() throws IOException {
        ModuleTrust trust = service(ModuleTrust.class);
        if (trust.trusted().stream().noneMatch(c -> c.alias().equals(TEST_CA))) {
            trust.add(TEST_CA, Files.readAllBytes(Signing.testCaCertificate()));
        }
    }

    /** A policy rule letting one VM use the given verbs (all verbs when none are given), for any module. */
    static void allow(String id, String vm, Verb... verbs) {
        service(ModulePolicies.class).put(new PolicyRule(id, 100, Set.of(vm), Set.of("*"), Set.of(verbs), Set.of(),
                Set.of(), true));
    }

    static Requester guest(String vm) {
        return Requester.guest(vm, "image-" + vm, "alice");
    }

    static Requester admin() {
        return Requester.administrator("admin", "test");
    }

    static Path dir(String name) throws IOException {
        Path dir = Path.of(System.getProperty("deskplane.data"), "..", "work-" + name + "-" + System.nanoTime());
        return Files.createDirectories(dir.normalize());
    }

    /** A protocol module adding the channel verb {@code type}, signed by the trusted test signer. */
    static Path echoModule(Path dir, String name, String version, String type) throws IOException {
        Path jar = echoJar(name, version, type).writeTo(dir.resolve(name + "_" + version + ".jar"));
        return Signing.sign(jar, Signing.trustedSigner());
    }

    static ModuleJar echoJar(String name, String version, String type) throws IOException {
        return new ModuleJar(name, version).header("Bundle-Activator", EchoModule.class.getName())
                .header("Import-Package", "org.osgi.framework,org.deskplane.channel.api").header("Echo-Type", type)
                .withClass(EchoModule.class);
    }

    static ModuleInfo upload(Requester requester, Path jar) throws IOException {
        byte[] bytes = Files.readAllBytes(jar);
        try (UploadSession session = host().beginUpload(requester, bytes.length, sha256(bytes))) {
            for (int offset = 0; offset < bytes.length; offset += 16 * 1024) {
                session.write(bytes, offset, Math.min(16 * 1024, bytes.length - offset));
            }
            return session.commit();
        }
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The channel verb a module added, called the way the channel would; null when no module offers it. */
    static String call(String type, String body) throws Exception {
        ServiceReference<MessageHandler> reference = handler(type);
        if (reference == null) {
            return null;
        }
        MessageHandler handler = context().getService(reference);
        try {
            byte[] answer = handler.handle(new ChannelMessage(type, 1, body.getBytes(StandardCharsets.UTF_8)), null)
                    .toCompletableFuture().get(10, TimeUnit.SECONDS);
            return new String(answer, StandardCharsets.UTF_8);
        } finally {
            context().ungetService(reference);
        }
    }

    static ServiceReference<MessageHandler> handler(String type) {
        try {
            return context().getServiceReferences(MessageHandler.class, "(" + MessageHandler.MESSAGE_TYPE + "=" + type
                    + ")").stream().findFirst().orElse(null);
        } catch (InvalidSyntaxException e) {
            throw new IllegalArgumentException(e);
        }
    }

    static boolean running(String symbolicName, String version) {
        return runtime().modules().stream()
                .anyMatch(m -> m.symbolicName().equals(symbolicName) && m.version().equals(version));
    }

    static List<AuditEvent> audit(String action, String target) {
        return service(AuditLog.class).query(new AuditQuery(null, null, action, 500)).stream()
                .filter(e -> target == null || e.target().contains(target)).toList();
    }

    /** Files left in the host's staging directory (an upload that did not commit must leave none). */
    static List<Path> staging() throws IOException {
        Path staging = Path.of(System.getProperty("deskplane.data"), "modules", "staging");
        try (var files = Files.list(staging)) {
            return files.toList();
        }
    }

    static void waitFor(String what, BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                fail("timed out waiting for " + what);
            }
            Thread.sleep(50);
        }
    }

    static byte[] read(InputStream in) throws IOException {
        try (in) {
            return in.readAllBytes();
        }
    }
}
