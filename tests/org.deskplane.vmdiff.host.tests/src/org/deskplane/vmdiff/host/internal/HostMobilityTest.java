package org.deskplane.vmdiff.host.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Hashtable;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

import org.deskplane.hypervisor.api.HypervisorConnection;
import org.deskplane.hypervisor.api.HypervisorException;
import org.deskplane.hypervisor.api.VmState;
import org.deskplane.vmdiff.api.DifferenceException;
import org.deskplane.vmdiff.api.DifferenceServer;
import org.deskplane.vmdiff.api.Generation;
import org.deskplane.vmdiff.api.VmHost;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.util.tracker.ServiceTracker;

/**
 * Hosts and the server in one framework, on qemu:///system, with small VMs that have a disk but no operating system
 * (their firmware waits for a boot device: a real QEMU process whose memory is saved and restored in a second). Shows
 * the hosts' side of issue 9: suspend into a generation pushed to the server, move to another host, exactly one of
 * two hosts resuming, the lease holder resuming without the server (and the other refused), trigger files, owed
 * pushes, bases fetched from the server and checked by hash.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostMobilityTest {
    private static final Path IMAGES = Path.of("/var/lib/libvirt/images/deskplane-tests");
    private static final String CONNECTION = "vmdiff-qemu";
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    /** The system bundle's context: this fragment's own host bundle is restarted by a test. */
    private final BundleContext context = FrameworkUtil.getBundle(HostMobilityTest.class).getBundleContext().getBundle(0)
            .getBundleContext();
    private final List<Configuration> configs = new ArrayList<>();
    private final List<String> uuids = new ArrayList<>();
    private Path root;
    private HypervisorConnection connection;
    private VmHost a;
    private VmHost b;
    private String sha;

    @BeforeAll
    void start() throws Exception {
        root = IMAGES.resolve("vmdiff-hosts-" + UUID.randomUUID().toString().substring(0, 8));
        Files.createDirectories(root);
        ConfigurationAdmin cm = service(ConfigurationAdmin.class, null);
        Configuration libvirt = cm.getFactoryConfiguration("org.deskplane.hypervisor.libvirt.connection", CONNECTION, "?");
        Hashtable<String, Object> p = new Hashtable<>();
        p.put("connection.id", CONNECTION);
        p.put("uri", "qemu:///system");
        libvirt.update(p);
        configs.add(libvirt);
        connection = service(HypervisorConnection.class, "(connection.id=" + CONNECTION + ")");
        Configuration serverConfig = cm.getConfiguration("org.deskplane.vmdiff.server", "?");
        serverConfig.update(new Hashtable<>(java.util.Map.of("dataDirectory", root.resolve("server").toString())));
        configs.add(serverConfig);
        configs.add(host(cm, "host-a"));
        configs.add(host(cm, "host-b"));
        configs.add(host(cm, "host-c"));
        DifferenceServer server = server();
        a = service(VmHost.class, "(vmdiff.host=host-a)");
        b = service(VmHost.class, "(vmdiff.host=host-b)");
        Path base = root.resolve("base.raw");
        byte[] bytes = new byte[9 << 20]; // more than two transfer blocks
        new Random(5).nextBytes(bytes);
        Files.write(base, bytes);
        sha = server.installBase(base, "raw", null);
        a.installBase(base, "raw", sha);
        b.installBase(base, "raw", sha);
    }

    @AfterAll
    void stop() throws Exception {
        for (String uuid : uuids) {
            try {
                connection.destroy(uuid);
            } catch (HypervisorException gone) {
                // not running
            }
        }
        for (Configuration c : configs) {
            try {
                c.delete();
            } catch (Exception gone) {
                // already gone
            }
        }
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(f);
            }
        }
    }

    @Test
    void aSuspendedVmMovesToAnotherHostAndResumesThere() throws Exception {
        DifferenceServer server = server(); // each test's own: another test restarts the server bundle
        String vm = launchOn(a, "move");
        String uuid = uuids.get(uuids.size() - 1);
        Generation first = a.suspend(vm);
        assertTrue(first.hasMemoryState());
        assertEquals(sha, first.baseSha256());
        assertEquals(first.contentHash(), server.copy().head(vm).orElseThrow().contentHash(), "pushed to the server");
        assertEquals(List.of(), a.running());
        assertThrows(HypervisorException.class, () -> connection.vm(uuid), "a transient VM is gone once saved");

        b.moveHere(vm);
        assertEquals(List.of(vm), b.running());
        assertEquals(VmState.RUNNING, connection.vm(uuid).state(), "resumed on host B with the same identity");
        assertTrue(connection.domainXml(uuid).contains(root.resolve("host-b").toString()), "B's overlay");

        // moving back while it runs on B: B suspends it, pushes and lets go; A resumes generation 2
        a.moveHere(vm);
        assertEquals(List.of(), b.running());
        assertEquals(List.of(vm), a.running());
        // a guest that does not shut down when asked stays running, with a clear error
        DifferenceException stubborn = assertThrows(DifferenceException.class, () -> a.shutdown(vm, Duration.ofSeconds(2)));
        assertTrue(stubborn.getMessage().contains("did not shut down"), stubborn.getMessage());
        assertEquals(List.of(vm), a.running());
        Generation second = server.copy().head(vm).orElseThrow();
        assertEquals(2, second.number());
        assertEquals(first.contentHash(), second.parentHash());
        assertEquals("host-b", second.publishedBy());
        assertEquals(second.contentHash(), a.copy().head(vm).orElseThrow().contentHash());
        a.suspend(vm);
    }

    @Test
    void ofTwoHostsResumingAtOnceExactlyOneDoes() throws Exception {
        DifferenceServer server = server(); // each test's own: another test restarts the server bundle
        String vm = launchOn(a, "race");
        a.suspend(vm);
        a.release(vm);
        assertTrue(server.leases().current(vm).isEmpty(), "released");
        List<Throwable> failures = race(vm, a, b);
        assertEquals(1, failures.size(), "exactly one host resumed: " + failures);
        DifferenceException lost = (DifferenceException) failures.get(0);
        assertEquals(DifferenceException.Kind.LEASE_HELD, lost.kind(), lost.getMessage());
        VmHost winner = a.running().contains(vm) ? a : b;
        VmHost loser = winner == a ? b : a;
        assertTrue(lost.getMessage().contains(winner.hostId()), lost.getMessage());
        assertEquals(List.of(), loser.running());
        assertEquals(winner.hostId(), server.leases().current(vm).orElseThrow().holder());
        winner.suspend(vm);
    }

    @Test
    void withoutTheServerTheLeaseHolderResumesFromItsOwnCopy() throws Exception {
        DifferenceServer server = server(); // each test's own: another test restarts the server bundle
        String vm = launchOn(a, "offline");
        a.suspend(vm);
        Bundle serverBundle = bundle("org.deskplane.vmdiff.server");
        serverBundle.stop();
        try {
            assertEquals(DifferenceException.Kind.UNREACHABLE, assertThrows(DifferenceException.class, () -> b.resume(vm)).kind(),
                    "B does not hold the lease and cannot ask: it must not run the VM");
            a.resume(vm);
            assertEquals(List.of(vm), a.running());
            // a trigger file suspends it; the generation is owed to the server
            Files.writeString(root.resolve("host-a").resolve("triggers").resolve(vm + ".suspend"), "");
            waitFor("the trigger file suspended the VM", () -> a.running().isEmpty());
            assertEquals(2, a.copy().head(vm).orElseThrow().number());
            assertTrue(Files.exists(root.resolve("host-a").resolve("pending").resolve(vm)), "the push is owed");
        } finally {
            serverBundle.start();
        }
        DifferenceServer back = service(DifferenceServer.class, null);
        waitFor("the owed generation reached the server", () -> {
            try {
                return back.copy().head(vm).map(g -> g.number() == 2).orElse(false);
            } catch (java.io.IOException e) {
                return false;
            }
        });
        waitFor("nothing owed any more", () -> !Files.exists(root.resolve("host-a").resolve("pending").resolve(vm)));
    }

    /** Hot swap: the host bundle is updated (stopped and started) while a VM runs; the new host finds it again. */
    @Test
    void aRunningVmIsTheHostsAgainAfterTheHostBundleRestarts() throws Exception {
        String vm = launchOn(a, "hotswap");
        Bundle hostBundle = bundle("org.deskplane.vmdiff.host");
        hostBundle.stop();
        hostBundle.start();
        a = service(VmHost.class, "(vmdiff.host=host-a)");
        b = service(VmHost.class, "(vmdiff.host=host-b)");
        assertEquals(List.of(vm), a.running().stream().filter(vm::equals).toList(), "the restarted host took its VM back");
        Generation suspended = a.suspend(vm);
        assertEquals(1, suspended.number());
        assertEquals(suspended.contentHash(), server().copy().head(vm).orElseThrow().contentHash());
    }

    @Test
    void aHostFetchesTheBaseFromTheServerAndRefusesAWrongOne() throws Exception {
        DifferenceServer server = server(); // each test's own: another test restarts the server bundle
        VmHost c = service(VmHost.class, "(vmdiff.host=host-c)");
        DifferenceException unknown = assertThrows(DifferenceException.class, () -> c.launch("nobase", xml(UUID.randomUUID().toString()), sha, "raw"));
        assertEquals(DifferenceException.Kind.NOT_FOUND, unknown.kind(), unknown.getMessage());
        assertTrue(server.leases().current("nobase").isEmpty(), "a host without the base took no lease");
        c.fetchBase(sha);
        Path fetched = root.resolve("host-c").resolve("copy").resolve("bases").resolve(sha + ".raw");
        assertEquals(-1, Files.mismatch(root.resolve("base.raw"), fetched), "the fetched base is the server's");
        DifferenceException wrong = assertThrows(DifferenceException.class,
                () -> c.installBase(root.resolve("base.raw"), "raw", "ab" + sha.substring(2)));
        assertEquals(DifferenceException.Kind.BASE_MISMATCH, wrong.kind());
    }

    @Test
    void aHostWithoutTheBaseFetchesItWhenAVmMovesThere() throws Exception {
        DifferenceServer server = server();
        configs.add(host(service(ConfigurationAdmin.class, null), "host-d"));
        VmHost d = service(VmHost.class, "(vmdiff.host=host-d)");
        String vm = launchOn(a, "newhost");
        a.suspend(vm);
        d.moveHere(vm);
        assertEquals(List.of(vm), d.running());
        assertEquals(-1, Files.mismatch(root.resolve("base.raw"),
                root.resolve("host-d").resolve("copy").resolve("bases").resolve(sha + ".raw")), "the base came from the server");
        assertEquals(server.copy().head(vm).orElseThrow().contentHash(), d.copy().head(vm).orElseThrow().contentHash());
        d.suspend(vm);
    }

    private String launchOn(VmHost host, String name) throws Exception {
        String vm = name + "-" + UUID.randomUUID().toString().substring(0, 6);
        String uuid = UUID.randomUUID().toString();
        uuids.add(uuid);
        host.launch(vm, xml(uuid), sha, "raw");
        assertEquals(List.of(vm), host.running().stream().filter(vm::equals).toList());
        assertEquals(VmState.RUNNING, connection.vm(uuid).state());
        return vm;
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

    private Configuration host(ConfigurationAdmin cm, String id) throws Exception {
        Configuration c = cm.getFactoryConfiguration("org.deskplane.vmdiff.host", id, "?");
        Hashtable<String, Object> p = new Hashtable<>();
        p.put("vmdiff.host", id);
        p.put("dataDirectory", root.resolve(id).toString());
        p.put("connection.target", "(connection.id=" + CONNECTION + ")");
        p.put("pollMillis", 200L);
        c.update(p);
        return c;
    }

    private static List<Throwable> race(String vm, VmHost... hosts) throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(hosts.length);
        try {
            List<Future<?>> calls = new ArrayList<>();
            for (VmHost host : hosts) {
                calls.add(pool.submit(() -> {
                    go.await();
                    host.resume(vm);
                    return null;
                }));
            }
            go.countDown();
            List<Throwable> failures = new ArrayList<>();
            for (Future<?> call : calls) {
                try {
                    call.get(2, TimeUnit.MINUTES);
                } catch (ExecutionException e) {
                    failures.add(e.getCause());
                }
            }
            return failures;
        } finally {
            pool.shutdownNow();
        }
    }

    private DifferenceServer server() throws Exception {
        return service(DifferenceServer.class, null);
    }

    private Bundle bundle(String name) {
        for (Bundle bundle : context.getBundles()) {
            if (bundle.getSymbolicName().equals(name)) {
                return bundle;
            }
        }
        throw new AssertionError("no bundle " + name);
    }

    private <T> T service(Class<T> type, String filter) throws Exception {
        String objectClass = "(objectClass=" + type.getName() + ")";
        ServiceTracker<T, T> tracker = new ServiceTracker<>(context,
                context.createFilter(filter == null ? objectClass : "(&" + objectClass + filter + ")"), null);
        tracker.open();
        T service = tracker.waitForService(TIMEOUT.toMillis());
        assertNotNull(service, "no " + type.getSimpleName() + " " + filter + " within " + TIMEOUT);
        return service;
    }

    private static void waitFor(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("never happened within " + TIMEOUT + ": " + what);
            }
            Thread.sleep(100);
        }
    }
}
