package org.deskplane.modules.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.deskplane.hypervisor.api.HypervisorConnection;
import org.deskplane.hypervisor.api.VmStartVetoedException;
import org.deskplane.hypervisor.api.VmState;
import org.deskplane.modules.api.LifecycleTopics;
import org.deskplane.modules.api.ModuleRequest;
import org.deskplane.modules.api.ModuleState;
import org.deskplane.modules.api.ModuleStatus;
import org.deskplane.modules.api.Requester;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;

/**
 * Modules registered for a VM image are loaded before that VM starts (the hypervisor's start hook, libvirt's test
 * driver), fetched from the p2 update site when this host lacks them; VM start subscribers may veto.
 */
class VmStartTest {

    private static final String KIOSK = "33333333-0000-4000-8000-000000000001";
    private static final String LOCKED = "33333333-0000-4000-8000-000000000002";
    private static final String INFECTED = "33333333-0000-4000-8000-000000000003";
    private static Configuration connectionConfig;
    private static HypervisorConnection lab;
    private static Path dir;

    @BeforeAll
    static void setUp() throws Exception {
        Modules.prepare();
        dir = Modules.dir("vmstart");
        Path node = dir.resolve("node.xml");
        Files.writeString(node, """
                <node>
                  <cpu><nodes>1</nodes><sockets>1</sockets><cores>2</cores><threads>1</threads><active>2</active><mhz>2400</mhz><model>x86_64</model></cpu>
                  <memory>8388608</memory>
                  <domain type='test'>
                    <name>kiosk-01</name><uuid>%s</uuid><memory unit='MiB'>512</memory><vcpu>1</vcpu>
                    <os><type arch='x86_64'>hvm</type></os>
                    <devices><disk type='file' device='disk'><source file='%s/kiosk-01.raw'/><target dev='vda' bus='virtio'/></disk></devices>
                    <metadata><dp:vm xmlns:dp="http://deskplane.org/xmlns/hypervisor/1.0"><dp:entry key="module.image">kiosk</dp:entry></dp:vm></metadata>
                  </domain>
                  <domain type='test'>
                    <name>locked-01</name><uuid>%s</uuid><memory unit='MiB'>512</memory><vcpu>1</vcpu>
                    <os><type arch='x86_64'>hvm</type></os>
                  </domain>
                  <domain type='test'>
                    <name>infected-01</name><uuid>%s</uuid><memory unit='MiB'>512</memory><vcpu>1</vcpu>
                    <os><type arch='x86_64'>hvm</type></os>
                    <devices><disk type='file' device='disk'><source file='%s/infected-01.raw'/><target dev='vda' bus='virtio'/></disk></devices>
                  </domain>
                </node>
                """.formatted(KIOSK, dir, LOCKED, INFECTED, dir));
        connectionConfig = Modules.service(ConfigurationAdmin.class)
                .getFactoryConfiguration("org.deskplane.hypervisor.libvirt.connection", "modules-lab", "?");
        connectionConfig.update(new Hashtable<>(Map.of("connection.id", "modules-lab", "uri", "test://" + node,
                "reconnect.initial.millis", 200L, "reconnect.max.millis", 1000L)));
        Modules.waitFor("the test hypervisor connection", () -> connection() != null);
        lab = connection();
        Modules.waitFor("the connection to be up",
                () -> lab.status().state() == org.deskplane.hypervisor.api.ConnectionStatus.State.CONNECTED);
        for (String uuid : List.of(KIOSK, LOCKED, INFECTED)) {
            if (lab.vm(uuid).state() != VmState.SHUTOFF) {
                lab.destroy(uuid);
            }
        }
    }

    @AfterAll
    static void tearDown() throws Exception {
        connectionConfig.delete();
    }

    @Test
    void aModuleRegisteredForAnImageIsLoadedBeforeItsVmStarts() throws Exception {
        Requester guest = Requester.guest(KIOSK, "kiosk", "alice");
        Modules.allow("kiosk", KIOSK);
        Modules.upload(guest, Modules.echoModule(dir, "org.example.kiosk", "1.0.0", "kiosk.echo"));
        ModuleRequest registered = Modules.host().register(guest, "org.example.kiosk", "1.0.0");
        assertEquals(ModuleStatus.OK, registered.status());
        assertNull(Modules.call("kiosk.echo", "x"), "registering does not load it now");

        List<String> seenAtStart = new CopyOnWriteArrayList<>();
        ServiceRegistration<EventHandler> subscriber = subscribe(event -> seenAtStart.add(
                event.getProperty(LifecycleTopics.PROPERTY_IMAGE) + " verb-present=" + (Modules.handler("kiosk.echo") != null)
                        + " disks=" + String.join(",", (String[]) event.getProperty(LifecycleTopics.PROPERTY_DISKS))));
        try {
            lab.start(KIOSK);
        } finally {
            subscriber.unregister();
        }
        assertEquals(VmState.RUNNING, lab.vm(KIOSK).state());
        assertEquals(List.of("kiosk verb-present=true disks=" + dir + "/kiosk-01.raw"), seenAtStart,
                "the module was loaded before the VM_STARTING subscribers ran, before the domain started");
        assertEquals("x@1.0.0", Modules.call("kiosk.echo", "x"));
        lab.destroy(KIOSK);
        Modules.host().unload(guest, "org.example.kiosk", "1.0.0");
    }

    /**
     * A VM started outside Deskplane (virsh, another manager) is seen only through libvirt's lifecycle event, which
     * the libvirt provider posts as {@code org/deskplane/hypervisor/vm/STARTED}: the host loads the image's modules
     * then. The event is posted here as the provider posts it, for the kiosk VM while it runs.
     */
    @Test
    void aVmStartedElsewhereGetsItsRegisteredModulesWhenItsStartedEventArrives() throws Exception {
        Requester guest = Requester.guest(KIOSK, "kiosk", "alice");
        Modules.allow("kiosk-event", KIOSK);
        Modules.upload(guest, Modules.echoModule(dir, "org.example.late", "1.0.0", "late.echo"));
        Modules.host().register(guest, "org.example.late", "1.0.0");
        try {
            assertNull(Modules.handler("late.echo"));
            Modules.service(org.osgi.service.event.EventAdmin.class).postEvent(new org.osgi.service.event.Event(
                    org.deskplane.hypervisor.api.HypervisorEvents.VmEventType.STARTED.topic(), Map.of(
                            org.deskplane.hypervisor.api.HypervisorEvents.PROPERTY_CONNECTION, "modules-lab",
                            org.deskplane.hypervisor.api.HypervisorEvents.PROPERTY_UUID, KIOSK)));
            Modules.waitFor("the registered module loaded after the VM's STARTED event",
                    () -> Modules.handler("late.echo") != null);
            assertTrue(Modules.host().requests(KIOSK, 20).stream()
                    .anyMatch(r -> r.message().contains("loaded after the VM started")), "recorded in the history");
        } finally {
            Modules.host().unregister(guest, "org.example.late", "1.0.0");
            Modules.host().unload(guest, "org.example.late", "1.0.0");
        }
    }

    @Test
    void aSubscriberVetoKeepsTheVmOff() throws Exception {
        ServiceRegistration<EventHandler> veto = subscribe(event -> {
            if ("locked-01".equals(event.getProperty(LifecycleTopics.PROPERTY_VM_NAME))) {
                ((LifecycleTopics.StartVeto) event.getProperty(LifecycleTopics.PROPERTY_VETO)).veto("test scanner",
                        "found something nasty");
            }
        });
        try {
            VmStartVetoedException refused = assertThrows(VmStartVetoedException.class, () -> lab.start(LOCKED));
            assertEquals("test scanner", refused.vetoedBy());
            assertTrue(refused.getMessage().contains("found something nasty"), refused.getMessage());
            assertEquals(VmState.SHUTOFF, lab.vm(LOCKED).state());
            assertTrue(Modules.host().requests(LOCKED, 10).stream().anyMatch(r -> r.status() == ModuleStatus.DENIED),
                    "the veto is in the request history");
        } finally {
            veto.unregister();
        }
        lab.start(LOCKED);
        assertEquals(VmState.RUNNING, lab.vm(LOCKED).state());
        lab.destroy(LOCKED);
    }

    @Test
    void aRegisteredModuleMissingOnThisHostIsFetchedFromTheUpdateSite() throws Exception {
        // the sysinfo protocol module as the build signed it and put it on the project's p2 update site
        String version = Modules.versionOnUpdateSite("org.deskplane.module.sysinfo");
        Requester admin = new Requester("", "kiosk", "admin", true, "test");
        assertEquals(ModuleStatus.OK, Modules.host().register(admin, "org.deskplane.module.sysinfo", version).status());
        assertTrue(Modules.host().modules().stream().noneMatch(m -> m.symbolicName().equals("org.deskplane.module.sysinfo")));
        assertNull(Modules.handler("sysinfo.host"));

        lab.start(KIOSK);
        try {
            Modules.waitFor("the sysinfo verb", () -> Modules.handler("sysinfo.host") != null);
            String answer = Modules.call("sysinfo.host", "abc");
            assertTrue(answer.contains("cba"), answer);
            org.deskplane.modules.api.ModuleInfo fetched = Modules.host().modules().stream()
                    .filter(m -> m.symbolicName().equals("org.deskplane.module.sysinfo")).findFirst().orElseThrow();
            assertEquals(ModuleState.LOADED, fetched.state());
            assertEquals("CN=Deskplane Test Module Signer,O=Deskplane", fetched.signer(), "verified like an upload");
        } finally {
            lab.destroy(KIOSK);
            Modules.host().unregister(admin, "org.deskplane.module.sysinfo", version);
            Modules.host().unload(admin, "org.deskplane.module.sysinfo", version);
        }
    }

    @Test
    void aRegisteredModuleThatCannotBeHadKeepsTheVmOff() throws Exception {
        Requester admin = new Requester("", "kiosk", "admin", true, "test");
        Modules.host().register(admin, "org.example.nowhere", "1.0.0");
        try {
            VmStartVetoedException refused = assertThrows(VmStartVetoedException.class, () -> lab.start(KIOSK));
            assertTrue(refused.getMessage().contains("org.example.nowhere"), refused.getMessage());
            assertEquals(VmState.SHUTOFF, lab.vm(KIOSK).state());
        } finally {
            Modules.host().unregister(admin, "org.example.nowhere", "1.0.0");
        }
        assertNotNull(lab.vm(KIOSK));
    }

    /**
     * The ClamAV scan module (built and signed by the build) loaded through the host into the isolated region, with
     * the grants the administrator gives it (run clamscan, read the VM disk directory): it scans the VM's disk image
     * before the VM starts and vetoes the start when its local signature matches.
     */
    @Test
    void theSecurityScanModuleVetoesTheStartOfAVmWhoseDiskCarriesMalware() throws Exception {
        Path disk = dir.resolve("infected-01.raw");
        byte[] image = new byte[1024 * 1024];
        byte[] marker = "DESKPLANE-TEST-MALWARE-MARKER-5d1c0e7a".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        System.arraycopy(marker, 0, image, 300_000, marker.length);
        Files.write(disk, image);
        Files.write(dir.resolve("kiosk-01.raw"), new byte[1024 * 1024]);
        ConfigurationAdmin cm = Modules.service(ConfigurationAdmin.class);
        Configuration runtimeConfig = cm.getConfiguration("org.deskplane.modules.runtime", "?");
        runtimeConfig.update(new Hashtable<>(Map.of("execAllowed", new String[] { "org.deskplane.module.clamscan" },
                "grantedReadRoots", new String[] { "org.deskplane.module.clamscan=" + dir })));
        Requester admin = Modules.admin();
        org.deskplane.modules.api.ModuleInfo scanner = Modules.upload(admin,
                Path.of(System.getProperty("deskplane.test.clamscanModule")));
        try {
            Modules.host().load(admin, scanner.symbolicName(), scanner.version());
            VmStartVetoedException refused = assertThrows(VmStartVetoedException.class, () -> lab.start(INFECTED));
            assertEquals("org.deskplane.module.clamscan", refused.vetoedBy());
            assertTrue(refused.getMessage().contains("Deskplane.Test.Marker") && refused.getMessage().contains("infected-01.raw"),
                    refused.getMessage());
            assertEquals(VmState.SHUTOFF, lab.vm(INFECTED).state(), "the infected VM stays off");

            lab.start(KIOSK); // a clean disk: the scan passes
            assertEquals(VmState.RUNNING, lab.vm(KIOSK).state());
            lab.destroy(KIOSK);
        } finally {
            Modules.host().unload(admin, scanner.symbolicName(), scanner.version());
            runtimeConfig.delete();
        }
        lab.start(INFECTED); // without the scanner nobody looks
        assertEquals(VmState.RUNNING, lab.vm(INFECTED).state());
        lab.destroy(INFECTED);
    }

    private static ServiceRegistration<EventHandler> subscribe(EventHandler handler) {
        return Modules.context().registerService(EventHandler.class, handler,
                new Hashtable<>(Map.of(EventConstants.EVENT_TOPIC, LifecycleTopics.VM_STARTING)));
    }

    private static HypervisorConnection connection() {
        try {
            return Modules.context().getServiceReferences(HypervisorConnection.class, "(connection.id=modules-lab)")
                    .stream().findFirst().map(r -> Modules.context().getService(r)).orElse(null);
        } catch (org.osgi.framework.InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
