package org.deskplane.vmdiff.remote.internal;

import org.deskplane.vmdiff.testing.Images;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.deskplane.vmdiff.api.DifferenceException;
import org.deskplane.vmdiff.api.DifferenceException.Kind;
import org.deskplane.vmdiff.api.DifferenceServer;
import org.deskplane.vmdiff.api.Generation;
import org.deskplane.vmdiff.api.RunLease;
import org.deskplane.vmdiff.store.BaseTransfer;
import org.deskplane.vmdiff.store.DeltaPull;
import org.deskplane.vmdiff.store.DifferenceCopy;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.util.tracker.ServiceTracker;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Hosts in this test framework reach the real server product over HTTPS through the remote DifferenceServer
 * component (two factory configurations: hosts "a" and "b"). The server's copy is the one in its data directory,
 * seeded with a base image before it starts. The last test stops the server.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RemoteServerTest {
    private static final int CLUSTER = 65536;
    private static final int MIB = 1 << 20;
    private static final String UUID = "0f8fad5b-d9cb-469f-a165-70867728950e";

    private static Path dir;
    private static Path base;
    private static String sha;
    private static ServerProcess server;
    private static final List<Configuration> configurations = new ArrayList<>();
    private static RemoteDifferenceServer hostA;
    private static RemoteDifferenceServer hostB;

    @BeforeAll
    static void startServerAndHosts() throws Exception {
        dir = Path.of(System.getProperty("deskplane.test.dir", System.getProperty("java.io.tmpdir") + "/vmdiff-remote")).toAbsolutePath();
        deleteTree(dir);
        Files.createDirectories(dir);
        base = Images.base(dir, 16, 7);
        Path data = Files.createDirectories(dir.resolve("server-data"));
        try (DifferenceCopy seed = new DifferenceCopy(data.resolve("vmdiff"), "server")) {
            sha = seed.installBase(base, "raw", null); // an administrator's base on the server before it starts
        }
        server = ServerProcess.start(data, dir.resolve("server.log"));
        Path password = dir.resolve("host.password");
        Files.writeString(password, ServerProcess.HOST_PASSWORD + "\n");
        hostA = client("a", password);
        hostB = client("b", password);
    }

    @AfterAll
    static void stopAll() throws Exception {
        for (Configuration c : configurations) {
            c.delete();
        }
        if (server != null) {
            server.close();
        }
    }

    /** One remote DifferenceServer component, configured as a host would be, found as the service it registers. */
    private static RemoteDifferenceServer client(String name, Path password) throws Exception {
        BundleContext context = FrameworkUtil.getBundle(RemoteServerTest.class).getBundleContext();
        ServiceTracker<ConfigurationAdmin, ConfigurationAdmin> cm = new ServiceTracker<>(context, ConfigurationAdmin.class, null);
        cm.open();
        Configuration config = cm.waitForService(30_000).getFactoryConfiguration(RemoteDifferenceServer.PID, name, "?");
        Dictionary<String, Object> p = new Hashtable<>();
        p.put("serverUrl", server.url.toString());
        p.put("username", ServerProcess.HOST_USER);
        p.put("passwordFile", password.toString());
        p.put("fingerprint", server.fingerprint);
        p.put("uploadBatchKiB", 256); // four clusters per upload, so an interrupted push has sent some batches
        p.put("callTimeoutSeconds", 20);
        p.put("test.host", name);
        config.update(p);
        configurations.add(config);
        ServiceTracker<DifferenceServer, DifferenceServer> tracker = new ServiceTracker<>(context,
                context.createFilter("(&(objectClass=" + DifferenceServer.class.getName() + ")(vmdiff.server=remote)(test.host=" + name + "))"), null);
        tracker.open();
        DifferenceServer found = tracker.waitForService(30_000);
        assertTrue(found instanceof RemoteDifferenceServer, "the remote component registered for host " + name);
        return (RemoteDifferenceServer) found;
    }

    private static DifferenceCopy hostCopy(String name) throws Exception {
        DifferenceCopy copy = new DifferenceCopy(dir.resolve(name + "-" + System.nanoTime()), name);
        copy.installBase(base, "raw", sha);
        return copy;
    }

    private static Generation capture(DifferenceCopy copy, String vm, Path overlay, Path memory) throws Exception {
        return copy.capture(vm, overlay, memory, new DifferenceCopy.Capture(sha, "raw", UUID, "<domain type='qemu'><name>" + vm + "</name></domain>"));
    }

    @Test
    @Order(1)
    void aPushedGenerationIsOnTheServerThenOnlyChangesCrossAndAHostPullsItBack() throws Exception {
        DifferenceCopy host = hostCopy("host-a");
        RunLease lease = hostA.leases().acquire("alice", "host-a");
        Path overlay = Images.overlay(host.basePath(sha, "raw"), dir.resolve("alice-1.qcow2"));
        Images.write(overlay, distinct(0, 4, 0x10));
        Images.write(overlay, "write -P 0xee 4M 64k", "write -z 8M 128k");
        Path memory = Images.memory(dir.resolve("alice-mem1"), 3, 1);
        Generation first = capture(host, "alice", overlay, memory);

        Generation pushed = hostA.accept(host, lease);
        assertEquals(first.contentHash(), pushed.contentHash());
        JsonNode head = server.admin.get("/vmdiff/wire/vms/alice/head");
        assertEquals(first.contentHash(), head.path("contentHash").asText(), "the server's copy has the pushed generation");
        PushReport initial = hostA.lastPush("alice").orElseThrow();
        assertEquals(5, initial.clustersSent(), "a first push sends every data cluster");
        assertEquals(3, initial.memoryBlocksSent());
        assertEquals(5L * CLUSTER + 3L * MIB, initial.bytesSent());

        // the VM runs on from generation 1 and changes one cluster and one memory block
        Path next = dir.resolve("alice-2.qcow2");
        Files.copy(host.disk("alice", 1), next);
        Images.write(next, "write -P 0xcd 4M 64k");
        Path memory2 = dir.resolve("alice-mem2");
        Files.copy(memory, memory2);
        try (FileChannel channel = FileChannel.open(memory2, StandardOpenOption.WRITE)) {
            channel.write(ByteBuffer.wrap(new byte[] { 1, 2, 3 }), MIB + 5);
        }
        Generation second = capture(host, "alice", next, memory2);
        assertEquals(second.contentHash(), hostA.accept(host, lease).contentHash());
        PushReport delta = hostA.lastPush("alice").orElseThrow();
        assertEquals("BEHIND", delta.relation());
        assertEquals(1, delta.clustersSent(), "only the changed cluster crossed");
        assertEquals(1, delta.memoryBlocksSent(), "only the changed memory block crossed");
        assertEquals(CLUSTER + MIB, delta.bytesSent());
        assertEquals(second.contentHash(), server.admin.get("/vmdiff/wire/vms/alice/head").path("contentHash").asText());

        // another host pulls it from the server over HTTP
        DifferenceCopy other = hostCopy("host-b");
        DeltaPull.Result pulled = DeltaPull.pull(hostB.copy(), other, "alice", DeltaPull.Progress.NONE);
        assertEquals(second.contentHash(), pulled.generation().contentHash());
        assertEquals(5L * CLUSTER + 3L * MIB, pulled.bytesTransferred());
        assertTrue(Images.compare(next, other.disk("alice", 2)).contains("identical"), "the pulled disk reads as the VM's did");
        assertEquals(-1, Files.mismatch(memory2, other.memory("alice", 2).orElseThrow()));
        other.verify("alice", 2);
        host.close();
        other.close();
    }

    @Test
    @Order(2)
    void wrongBytesAreRefusedAndNothingIsPublished() throws Exception {
        DifferenceCopy host = hostCopy("host-a");
        RunLease lease = hostA.leases().acquire("bob", "host-a");
        Path overlay = Images.overlay(host.basePath(sha, "raw"), dir.resolve("bob.qcow2"));
        Images.write(overlay, distinct(16, 8, 0x40));
        Generation generation = capture(host, "bob", overlay, null);

        DifferenceException e = assertThrows(DifferenceException.class, () -> hostA.accept(Faulty.corrupting(host), lease));
        assertEquals(Kind.CORRUPT, e.kind(), e.getMessage());
        assertTrue(e.getMessage().contains("do not match its SHA-256"), e.getMessage());
        assertEquals(Optional.empty(), hostA.copy().head("bob"), "nothing was published from wrong bytes");

        // the same push with the right bytes goes through: the refused upload left nothing behind that blocks it
        assertEquals(generation.contentHash(), hostA.accept(host, lease).contentHash());
        assertEquals(8, hostA.lastPush("bob").orElseThrow().clustersSent());
        host.close();
    }

    @Test
    @Order(3)
    void anInterruptedPushResumesAndSendsOnlyTheRest() throws Exception {
        DifferenceCopy host = hostCopy("host-a");
        RunLease lease = hostA.leases().acquire("carol", "host-a");
        Path overlay = Images.overlay(host.basePath(sha, "raw"), dir.resolve("carol.qcow2"));
        Images.write(overlay, distinct(0, 20, 0x60));
        Generation generation = capture(host, "carol", overlay, null);

        // the host fails reading its 11th cluster: two batches of four went out before
        DifferenceException e = assertThrows(DifferenceException.class, () -> hostA.accept(Faulty.failingAt(host, 11), lease));
        assertTrue(e.getMessage().contains("went away"), e.getMessage());
        assertEquals(Optional.empty(), hostA.copy().head("carol"));

        assertEquals(generation.contentHash(), hostA.accept(host, lease).contentHash());
        PushReport resumed = hostA.lastPush("carol").orElseThrow();
        assertEquals(20, resumed.dataClusters());
        assertEquals(12, resumed.clustersSent(), "only what did not arrive before was sent again");
        assertEquals(12L * CLUSTER, resumed.bytesSent());
        host.close();
    }

    @Test
    @Order(4)
    void aStaleLeaseCannotPush() throws Exception {
        DifferenceCopy host = hostCopy("host-a");
        RunLease old = hostA.leases().acquire("dave", "host-a");
        RunLease current = hostA.leases().acquire("dave", "host-a");
        assertTrue(current.token() > old.token());
        Path overlay = Images.overlay(host.basePath(sha, "raw"), dir.resolve("dave.qcow2"));
        Images.write(overlay, "write -P 0x44 0 64k");
        capture(host, "dave", overlay, null);
        DifferenceException e = assertThrows(DifferenceException.class, () -> hostA.accept(host, old));
        assertEquals(Kind.LEASE_HELD, e.kind(), e.getMessage());
        assertEquals(Optional.empty(), hostA.copy().head("dave"));
        assertTrue(hostA.leases().isCurrent(current));
        assertFalse(hostA.leases().isCurrent(old));
        host.close();
    }

    @Test
    @Order(5)
    void aDivergedCopyIsRefusedNotMerged() throws Exception {
        RunLease lease = hostA.leases().acquire("gina", "host-a");
        DifferenceCopy one = hostCopy("host-a");
        Path overlay = Images.overlay(one.basePath(sha, "raw"), dir.resolve("gina-a.qcow2"));
        Images.write(overlay, distinct(0, 2, 0x20));
        Generation first = capture(one, "gina", overlay, null);
        hostA.accept(one, lease);

        // another copy made its own generation 1 of the same VM (say, restored from an old backup)
        DifferenceCopy other = hostCopy("host-c");
        Path elsewhere = Images.overlay(other.basePath(sha, "raw"), dir.resolve("gina-c.qcow2"));
        Images.write(elsewhere, distinct(0, 2, 0x70));
        capture(other, "gina", elsewhere, null);
        DifferenceException e = assertThrows(DifferenceException.class, () -> hostA.accept(other, lease));
        assertEquals(Kind.DIVERGED, e.kind(), e.getMessage());
        assertTrue(e.getMessage().startsWith("POST /vmdiff/wire/pushes → 409 DIVERGED"), e.getMessage());
        assertEquals(first.contentHash(), hostA.copy().head("gina").orElseThrow().contentHash(), "the server's copy is unchanged");
        one.close();
        other.close();
    }

    @Test
    @Order(6)
    void committedPushesLeaveNoSessionBehind() throws IOException {
        Path sessions = dir.resolve("server-data/vmdiff/pushes");
        assertTrue(Files.isDirectory(sessions), "push sessions live beside the server's copy");
        try (Stream<Path> left = Files.list(sessions)) {
            List<String> names = left.map(p -> p.getFileName().toString()).toList();
            // only the diverged push (refused at announce, never saved) could be there: it is not
            assertEquals(List.of(), names, "every committed push was cleaned up");
        }
    }

    @Test
    @Order(8)
    void twoHostsAcquireTheSameLeaseAtOnceAndExactlyOneWins() throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Callable<RunLease> a = () -> {
                start.await();
                return hostA.leases().acquire("erin", "host-a");
            };
            Callable<RunLease> b = () -> {
                start.await();
                return hostB.leases().acquire("erin", "host-b");
            };
            Future<RunLease> fa = pool.submit(a);
            Future<RunLease> fb = pool.submit(b);
            start.countDown();
            List<RunLease> won = new ArrayList<>();
            List<DifferenceException> lost = new ArrayList<>();
            for (Future<RunLease> f : List.of(fa, fb)) {
                try {
                    won.add(f.get(60, TimeUnit.SECONDS));
                } catch (java.util.concurrent.ExecutionException e) {
                    lost.add((DifferenceException) e.getCause());
                }
            }
            assertEquals(1, won.size(), "exactly one host got the lease");
            assertEquals(1, lost.size());
            assertEquals(Kind.LEASE_HELD, lost.get(0).kind());
            assertEquals(won.get(0), hostB.leases().current("erin").orElseThrow());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    @Order(9)
    void aBaseImageIsFetchedOverHttpAndAnInterruptedFetchResumes() throws Exception {
        try (DifferenceCopy fresh = new DifferenceCopy(dir.resolve("fresh-host"), "fresh-host")) {
            BaseTransfer.Result result = BaseTransfer.fetch(hostA, fresh, sha, DeltaPull.Progress.NONE);
            assertEquals(16L * MIB, result.bytesTransferred());
            assertEquals(0, result.blocksAlreadyHere());
            assertEquals(-1, Files.mismatch(base, fresh.basePath(sha, "raw")));
        }
        try (DifferenceCopy interrupted = new DifferenceCopy(dir.resolve("interrupted-host"), "interrupted-host")) {
            assertThrows(IOException.class, () -> BaseTransfer.fetch(Faulty.droppingBaseReads(hostA, 3), interrupted, sha,
                    DeltaPull.Progress.NONE));
            assertFalse(Files.exists(interrupted.basePath(sha, "raw")), "an unfinished base is not installed");
            BaseTransfer.Result resumed = BaseTransfer.fetch(hostA, interrupted, sha, DeltaPull.Progress.NONE);
            assertEquals(2, resumed.blocksAlreadyHere(), "the two blocks fetched before the drop stayed");
            assertEquals(8L * MIB, resumed.bytesTransferred(), "only the rest crossed");
            assertEquals(-1, Files.mismatch(base, interrupted.basePath(sha, "raw")));
        }
    }

    @Test
    @Order(100)
    void aStoppedServerIsUnreachableQuickly() throws Exception {
        DifferenceCopy host = hostCopy("host-a");
        Path overlay = Images.overlay(host.basePath(sha, "raw"), dir.resolve("frank.qcow2"));
        Images.write(overlay, "write -P 0x66 0 64k");
        capture(host, "frank", overlay, null);
        server.stop();
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            DifferenceException lease = assertThrows(DifferenceException.class, () -> hostA.leases().acquire("frank", "host-a"));
            assertEquals(Kind.UNREACHABLE, lease.kind(), lease.getMessage());
            assertThrows(IOException.class, () -> hostA.copy().head("alice"));
            DifferenceException push = assertThrows(DifferenceException.class,
                    () -> hostA.accept(host, new RunLease("frank", "host-a", 1)));
            assertEquals(Kind.UNREACHABLE, push.kind(), push.getMessage());
            assertThrows(IOException.class, () -> hostA.bases());
        }, "a host never hangs on a server that is gone");
        host.close();
    }

    /** qemu-io commands writing {@code count} clusters from cluster {@code first}, each with its own pattern. */
    private static String[] distinct(int first, int count, int pattern) {
        String[] commands = new String[count];
        for (int i = 0; i < count; i++) {
            commands[i] = "write -P " + (pattern + i) + " " + (first + i) * 64 + "k 64k";
        }
        return commands;
    }

    private static void deleteTree(Path tree) throws IOException {
        if (!Files.exists(tree)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(tree)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
