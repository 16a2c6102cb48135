package org.deskplane.vmdiff.remote.internal;

import org.deskplane.vmdiff.testing.Images;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import org.deskplane.hypervisor.api.HypervisorConnection;
import org.deskplane.hypervisor.api.HypervisorException;
import org.deskplane.hypervisor.api.VmState;
import org.deskplane.vmdiff.api.DifferenceException;
import org.deskplane.vmdiff.api.DifferenceServer;
import org.deskplane.vmdiff.api.Generation;
import org.deskplane.vmdiff.api.VmHost;
import org.deskplane.vmdiff.store.DifferenceCopy;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.util.tracker.ServiceTracker;

/**
 * Hosts that reach the server only over HTTP, as hosts on other machines do: each host in this framework uses its
 * own remote client of the real server product. Host A fetches the base from the server, boots a VM (a small one
 * without an operating system, on qemu:///system) and suspends it; the generation goes to the server over the wire.
 * The user moves to host B: B asks through the server, A lets go, B fetches the base and the VM and resumes it. The
 * user moves back while it runs on B: B suspends, pushes and lets go on the server's request, and A resumes B's
 * generation — no host ever calls another.
 */
class RemoteHostsTest {
    private static final Path IMAGES = Path.of("/var/lib/libvirt/images/deskplane-tests");
    private static final String CONNECTION = "vmdiff-remote-qemu";
    private static final List<Configuration> configs = new ArrayList<>();
    private static BundleContext context;
    private static Path dir;
    private static ServerProcess server;
    private static String sha;
    private static HypervisorConnection connection;
    private static String uuid;

    @BeforeAll
    static void start() throws Exception {
        context = FrameworkUtil.getBundle(RemoteHostsTest.class).getBundleContext();
        dir = IMAGES.resolve("vmdiff-remote-" + UUID.randomUUID().toString().substring(0, 8));
        Files.createDirectories(dir);
        Path base = Images.base(dir, 9, 21);
        Path data = Files.createDirectories(dir.resolve("server-data"));
        try (DifferenceCopy seed = new DifferenceCopy(data.resolve("vmdiff"), "server")) {
            sha = seed.installBase(base, "raw", null);
        }
        server = ServerProcess.start(data, dir.resolve("server.log"));
        Path password = dir.resolve("host.password");
        Files.writeString(password, ServerProcess.HOST_PASSWORD + "\n");
        ConfigurationAdmin cm = service(ConfigurationAdmin.class, null);
        Configuration libvirt = cm.getFactoryConfiguration("org.deskplane.hypervisor.libvirt.connection", CONNECTION, "?");
        libvirt.update(new Hashtable<>(java.util.Map.of("connection.id", CONNECTION, "uri", "qemu:///system")));
        configs.add(libvirt);
        connection = service(HypervisorConnection.class, "(connection.id=" + CONNECTION + ")");
        for (String host : List.of("host-a", "host-b")) {
            Configuration client = cm.getFactoryConfiguration(RemoteDifferenceServer.PID, "hosts-" + host, "?");
            Dictionary<String, Object> p = new Hashtable<>();
            p.put("serverUrl", server.url.toString());
            p.put("username", ServerProcess.HOST_USER);
            p.put("passwordFile", password.toString());
            p.put("fingerprint", server.fingerprint);
            p.put("test.client", host);
            client.update(p);
            configs.add(client);
            Configuration vmHost = cm.getFactoryConfiguration("org.deskplane.vmdiff.host", "hosts-" + host, "?");
            Dictionary<String, Object> h = new Hashtable<>();
            h.put("vmdiff.host", host);
            h.put("dataDirectory", dir.resolve(host).toString());
            h.put("connection.target", "(connection.id=" + CONNECTION + ")");
            h.put("server.target", "(&(vmdiff.server=remote)(test.client=" + host + "))");
            h.put("pollMillis", 300L);
            vmHost.update(h);
            configs.add(vmHost);
        }
    }

    @AfterAll
    static void stop() throws Exception {
        if (connection != null && uuid != null) {
            try {
                connection.destroy(uuid);
            } catch (HypervisorException gone) {
                // not running
            }
        }
        for (Configuration c : configs) {
            c.delete();
        }
        if (server != null) {
            server.close();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(f);
            }
        }
    }

    @Test
    void aVmMovesBetweenHostsThatOnlyTalkToTheServer() throws Exception {
        VmHost a = service(VmHost.class, "(vmdiff.host=host-a)");
        VmHost b = service(VmHost.class, "(vmdiff.host=host-b)");
        DifferenceServer wire = service(DifferenceServer.class, "(test.client=host-a)");
        uuid = UUID.randomUUID().toString();
        String vm = "remote-" + uuid.substring(0, 6);

        assertEquals(DifferenceException.Kind.NOT_FOUND,
                assertThrows(DifferenceException.class, () -> a.launch(vm, xml(uuid), sha, "raw")).kind(), "no base yet");
        a.fetchBase(sha);
        a.launch(vm, xml(uuid), sha, "raw");
        Generation first = a.suspend(vm);
        assertEquals(first.contentHash(), wire.copy().head(vm).orElseThrow().contentHash(), "pushed over HTTP");

        b.moveHere(vm);
        assertEquals(List.of(vm), b.running());
        assertEquals(VmState.RUNNING, connection.vm(uuid).state());
        assertEquals("host-b", wire.leases().current(vm).orElseThrow().holder());

        a.moveHere(vm); // while it runs on B: B suspends it on the server's request
        assertEquals(List.of(), b.running());
        assertEquals(List.of(vm), a.running());
        Generation second = wire.copy().head(vm).orElseThrow();
        assertEquals(2, second.number());
        assertEquals("host-b", second.publishedBy());
        assertEquals(first.contentHash(), second.parentHash());
        assertEquals(second.contentHash(), a.copy().head(vm).orElseThrow().contentHash());
        a.suspend(vm);
    }

    private static String xml(String uuid) {
        return """
                <domain type='qemu'>
                  <name>vmdiff-UUID8</name><uuid>UUID</uuid>
                  <memory unit='MiB'>64</memory><vcpu>1</vcpu>
                  <os><type arch='x86_64' machine='pc'>hvm</type></os>
                  <devices>
                    <emulator>/usr/bin/qemu-system-x86_64</emulator>
                    <disk type='file' device='disk'><driver name='qemu' type='qcow2'/><source file='/nonexistent.qcow2'/><target dev='vda' bus='virtio'/></disk>
                  </devices>
                </domain>
                """.replace("UUID8", uuid.substring(0, 8)).replace("UUID", uuid);
    }

    private static <T> T service(Class<T> type, String filter) throws Exception {
        String objectClass = "(objectClass=" + type.getName() + ")";
        ServiceTracker<T, T> tracker = new ServiceTracker<>(context,
                context.createFilter(filter == null ? objectClass : "(&" + objectClass + filter + ")"), null);
        tracker.open();
        T found = tracker.waitForService(60_000);
        assertNotNull(found, "no " + type.getSimpleName() + " " + filter);
        return found;
    }
}
