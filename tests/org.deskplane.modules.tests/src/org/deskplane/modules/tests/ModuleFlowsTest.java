package org.deskplane.modules.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.deskplane.modules.api.ModuleException;
import org.deskplane.modules.api.ModuleHost;
import org.deskplane.modules.api.ModuleInfo;
import org.deskplane.modules.api.ModuleRequest;
import org.deskplane.modules.api.ModuleState;
import org.deskplane.modules.api.ModuleStatus;
import org.deskplane.modules.api.QueryResult;
import org.deskplane.modules.api.Registration;
import org.deskplane.modules.api.Requester;
import org.deskplane.modules.testing.ModuleJar;
import org.deskplane.modules.testing.Signing;
import org.deskplane.modules.tests.fixture.AppModule;
import org.deskplane.modules.tests.fixture.api.Greeting;
import org.deskplane.security.api.AuditEvent;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;

/** The flows of the specification, on the real host, trust store and isolated runtime. */
class ModuleFlowsTest {

    private static Path dir;

    @BeforeAll
    static void setUp() throws Exception {
        Modules.prepare();
        dir = Modules.dir("flows");
    }

    @Test
    void aNewModuleIsQueriedUploadedAndDemandLoaded() throws Exception {
        Requester guest = Modules.guest("vm-demand");
        Modules.allow("demand", "vm-demand");
        ModuleHost host = Modules.host();

        QueryResult before = host.query(guest, "org.example.echo", "[1.0,2.0)");
        assertEquals(ModuleStatus.NOT_FOUND, before.status());
        assertNull(Modules.call("example.echo", "abc"), "the verb does not exist before the module is loaded");

        ModuleInfo stored = Modules.upload(guest, Modules.echoModule(dir, "org.example.echo", "1.0.0", "example.echo"));
        assertEquals("org.example.echo", stored.symbolicName());
        assertEquals(ModuleState.STORED, stored.state());
        assertEquals("CN=Deskplane Test Module Signer,O=Deskplane", stored.signer());
        assertEquals(ModuleStatus.OK, host.query(guest, "org.example.echo", "[1.0,2.0)").status());
        assertEquals(ModuleStatus.OTHER_VERSIONS, host.query(guest, "org.example.echo", "[2.0,3.0)").status());

        ModuleRequest load = host.load(guest, "org.example.echo", "1.0.0");
        assertEquals(ModuleStatus.OK, load.status());
        assertEquals("cba@1.0.0", Modules.call("example.echo", "abc"), "the guest can use the new verb");
        assertTrue(Modules.running("org.example.echo", "1.0.0"));

        assertEquals(load, host.request(guest, load.id()).orElseThrow(), "the guest asks for its request's status");
        Modules.allow("demand-other", "vm-other");
        assertTrue(host.request(Modules.guest("vm-other"), load.id()).isEmpty(), "another VM does not see it");
        List<AuditEvent> audited = Modules.audit("module.load", "org.example.echo/1.0.0");
        assertFalse(audited.isEmpty(), "the load is audited");
        assertEquals(AuditEvent.Result.SUCCESS, audited.get(0).result());
        assertTrue(audited.get(0).actor().contains("vm-demand"), audited.get(0).actor());

        host.unload(guest, "org.example.echo", "1.0.0");
        assertNull(Modules.call("example.echo", "abc"), "unloading removes the verb");
        assertEquals(ModuleState.STORED, state("org.example.echo", "1.0.0"));
    }

    @Test
    void aNewVersionReplacesTheOldAndItsDependantsAreRewired() throws Exception {
        Requester guest = Modules.guest("vm-replace");
        Modules.allow("replace", "vm-replace");
        ModuleHost host = Modules.host();
        String pkg = Greeting.class.getPackageName();
        for (String version : List.of("1.0.0", "1.1.0")) {
            Path lib = new ModuleJar("org.example.greeting.lib", version)
                    .header("Export-Package", pkg + ";version=\"" + version + "\"").withClass(Greeting.class)
                    .writeTo(dir.resolve("lib_" + version + ".jar"));
            Modules.upload(guest, Signing.sign(lib, Signing.trustedSigner()));
        }
        Path app = new ModuleJar("org.example.greeting.app", "1.0.0")
                .header("Bundle-Activator", AppModule.class.getName())
                .header("Import-Package", "org.osgi.framework,org.deskplane.channel.api," + pkg + ";version=\"[1.0,2.0)\"")
                .withClass(AppModule.class).writeTo(dir.resolve("app.jar"));
        Modules.upload(guest, Signing.sign(app, Signing.trustedSigner()));

        host.load(guest, "org.example.greeting.lib", "1.0.0");
        host.register(guest, "org.example.greeting.lib", "1.0.0");
        host.load(guest, "org.example.greeting.app", "1.0.0");
        assertEquals("hello from 1.0.0", Modules.call("fixture.app", ""));

        ModuleRequest replaced = host.replace(guest, "org.example.greeting.lib", "1.1.0");
        assertEquals(ModuleStatus.OK, replaced.status(), replaced.message());
        assertFalse(Modules.running("org.example.greeting.lib", "1.0.0"), "the old version is uninstalled");
        assertTrue(Modules.running("org.example.greeting.lib", "1.1.0"));
        Modules.waitFor("the dependant to be rewired and started again",
                () -> "hello from 1.1.0".equals(callQuietly("fixture.app")));
        assertEquals(ModuleState.STORED, state("org.example.greeting.lib", "1.0.0"));
        assertEquals(ModuleState.LOADED, state("org.example.greeting.lib", "1.1.0"));
        List<Registration> registered = host.registrations(guest.image());
        assertEquals(1, registered.size());
        assertEquals("1.1.0", registered.get(0).version(), "the image's registration moved to the new version");

        host.unload(guest, "org.example.greeting.app", "1.0.0");
        host.unload(guest, "org.example.greeting.lib", "1.1.0");
    }

    @Test
    void anUpgradeModuleAsksForARestart() throws Exception {
        Requester guest = Modules.guest("vm-upgrade");
        Modules.allow("upgrade", "vm-upgrade");
        List<String> restarts = new CopyOnWriteArrayList<>();
        EventHandler listener = event -> restarts.add(event.getProperty("module") + ":" + event.getProperty("restart"));
        ServiceRegistration<EventHandler> registration = Modules.context().registerService(EventHandler.class, listener,
                new java.util.Hashtable<>(Map.of(EventConstants.EVENT_TOPIC, "org/deskplane/modules/RESTART_REQUESTED")));
        try {
            Path jar = Modules.echoJar("org.example.upgrade", "2.0.0", "example.upgrade")
                    .header("Deskplane-Module-Restart", "vm").writeTo(dir.resolve("upgrade.jar"));
            Modules.upload(guest, Signing.sign(jar, Signing.trustedSigner()));
            ModuleRequest load = Modules.host().load(guest, "org.example.upgrade", "2.0.0");
            assertTrue(load.restartRequired(), "the request tells the guest a restart is needed");
            assertTrue(load.message().contains("restart of the vm"), load.message());
            Modules.waitFor("the restart request event", () -> restarts.contains("org.example.upgrade/2.0.0:vm"));
            Modules.host().unload(guest, "org.example.upgrade", "2.0.0");
        } finally {
            registration.unregister();
        }
    }

    @Test
    void modulesHearTheServerStartedEvent() throws Exception {
        List<String> heard = new CopyOnWriteArrayList<>();
        ServiceRegistration<EventHandler> listener = Modules.context().registerService(EventHandler.class,
                event -> heard.add(event.getTopic()), new java.util.Hashtable<>(Map.of(EventConstants.EVENT_TOPIC,
                        org.deskplane.modules.api.LifecycleTopics.SERVER_STARTED)));
        try {
            org.osgi.framework.Bundle hostBundle = org.osgi.framework.FrameworkUtil.getBundle(Modules.host().getClass());
            hostBundle.stop(); // the host starting in a running framework announces the server start to subscribers
            hostBundle.start();
            Modules.waitFor("SERVER_STARTED", () -> !heard.isEmpty());
        } finally {
            listener.unregister();
        }
    }

    @Test
    void aBrokenUploadLeavesNothingBehind() throws Exception {
        Requester guest = Modules.guest("vm-broken");
        Modules.allow("broken", "vm-broken");
        ModuleHost host = Modules.host();
        byte[] jar = java.nio.file.Files.readAllBytes(Modules.echoModule(dir, "org.example.broken", "1.0.0", "x.broken"));
        int before = host.modules().size();

        try (var session = host.beginUpload(guest, jar.length, Modules.sha256(jar))) {
            session.write(jar, 0, jar.length / 2); // the guest goes away half-way
        }
        ModuleException wrongHash = assertThrows(ModuleException.class, () -> {
            try (var session = host.beginUpload(guest, jar.length, "00".repeat(32))) {
                session.write(jar, 0, jar.length);
                session.commit();
            }
        });
        assertEquals(ModuleStatus.CHECKSUM_MISMATCH, wrongHash.status());
        ModuleException tooMuch = assertThrows(ModuleException.class, () -> {
            try (var session = host.beginUpload(guest, jar.length - 1, Modules.sha256(jar))) {
                session.write(jar, 0, jar.length);
            }
        });
        assertEquals(ModuleStatus.TOO_LARGE, tooMuch.status());
        assertEquals(ModuleStatus.TOO_LARGE, assertThrows(ModuleException.class,
                () -> host.beginUpload(guest, 1L << 40, Modules.sha256(jar))).status());

        assertEquals(before, host.modules().size(), "no broken upload reached the store");
        assertEquals(ModuleStatus.NOT_FOUND, host.query(guest, "org.example.broken", "0").status());
        assertEquals(List.of(), Modules.staging(), "no staging file is left");
        assertNotEquals(0, Modules.audit("module.upload", "upload").size(), "failed uploads are audited");
    }

    private static String callQuietly(String type) {
        try {
            return Modules.call(type, "");
        } catch (Exception e) {
            return null;
        }
    }

    private static ModuleState state(String name, String version) {
        return Modules.host().modules().stream().filter(m -> m.symbolicName().equals(name) && m.version().equals(version))
                .findFirst().orElseThrow().state();
    }
}
