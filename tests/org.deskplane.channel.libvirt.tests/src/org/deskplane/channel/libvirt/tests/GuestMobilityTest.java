package org.deskplane.channel.libvirt.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Hashtable;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.deskplane.hypervisor.api.HypervisorConnection;
import org.deskplane.hypervisor.api.VmId;
import org.deskplane.qga.api.GuestAgentClient;
import org.deskplane.qga.api.GuestExecRequest;
import org.deskplane.qga.api.GuestExecResult;
import org.deskplane.qga.hypervisor.VmGuestAgents;
import org.deskplane.vmdiff.api.DifferenceException;
import org.deskplane.vmdiff.api.DifferenceServer;
import org.deskplane.vmdiff.api.Generation;
import org.deskplane.vmdiff.api.VmHost;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.util.tracker.ServiceTracker;

/**
 * Suspend anywhere, resume anywhere, with the real guest image on qemu:///system. Two hosts (two data folders on
 * one libvirt) and the server share the base image by its hash. The VM boots on host A from base + empty overlay;
 * the guest writes a file; A suspends it (libvirt save) into generation 1, pushed to the server; the user moves to
 * host B, which pulls it and resumes: the file is there, the boot id is the same and the uptime went on. Then the
 * VM is let go, and hosts A and B try to resume it at once: exactly one does. With the server gone, the winner
 * resumes it from its own copy, while the other host is refused; a trigger file suspends it, and the generation it
 * owes reaches the server once the server is back.
 */
class GuestMobilityTest {
    private static final Duration BOOT = Duration.ofMinutes(5);
    private static final Path IMAGES = Path.of("/var/lib/libvirt/images/deskplane-tests");
    private static final String CONNECTION = "mobility-qemu";
    private static final String VM = "alice-desktop";

    @Test
    void aVmSuspendedOnOneHostResumesOnAnotherWithItsStateIntact() throws Exception {
        Path image = GuestImage.directory();
        String uuid = UUID.randomUUID().toString();
        Path root = IMAGES.resolve("vmdiff-" + uuid.substring(0, 8));
        Files.createDirectories(root);
        ConfigurationAdmin cm = Services.service(ConfigurationAdmin.class);
        List<Configuration> configs = new ArrayList<>();
        configs.add(Services.configureConnection(CONNECTION, "qemu:///system"));
        HypervisorConnection connection = null;
        try {
            connection = Services.connected(CONNECTION);
            Configuration server = cm.getConfiguration("org.deskplane.vmdiff.server", "?");
            server.update(new Hashtable<>(java.util.Map.of("dataDirectory", root.resolve("server").toString())));
            configs.add(server);
            configs.add(host(cm, "host-a", root));
            configs.add(host(cm, "host-b", root));
            VmHost a = Services.awaitService(VmHost.class, "(" + VmHost.ID + "=host-a)");
            VmHost b = Services.awaitService(VmHost.class, "(" + VmHost.ID + "=host-b)");
            DifferenceServer files = Services.awaitService(DifferenceServer.class, null);

            Path base = image.resolve("guest.qcow2").toRealPath();
            String sha = files.installBase(base, "qcow2", null);
            assertEquals(sha, a.installBase(base, "qcow2", sha));
            assertEquals(sha, b.installBase(base, "qcow2", sha));

            // boot on host A from the base and a new, empty overlay
            a.launch(VM, LibvirtGuestAgentTest.domainXml(uuid, image, root.resolve("placeholder.qcow2"), root.resolve("serial.log")), sha, "qcow2");
            VmId vm = new VmId(CONNECTION, uuid);
            String token = UUID.randomUUID().toString();
            String bootId;
            double uptimeBefore;
            try (GuestAgentClient guest = awaitAgent(vm)) {
                assertEquals(0, guest.exec(GuestExecRequest.of("/bin/sh", "-c", "echo " + token + " > /root/moved.txt && sync")).exitCode());
                bootId = run(guest, "cat /proc/sys/kernel/random/boot_id");
                uptimeBefore = uptime(guest);
            }

            Generation first = a.suspend(VM);
            assertEquals(1, first.number());
            assertTrue(first.hasMemoryState(), "a suspend keeps the memory state");
            assertEquals(sha, first.baseSha256());
            assertEquals(first.contentHash(), files.copy().head(VM).orElseThrow().contentHash(), "pushed to the server");
            assertTrue(a.running().isEmpty());

            // the user moved: host B takes the VM over and resumes it from the server's copy
            b.moveHere(VM);
            assertEquals(List.of(VM), b.running());
            assertEquals(first.contentHash(), b.copy().head(VM).orElseThrow().contentHash());
            try (GuestAgentClient guest = awaitAgent(vm)) {
                assertEquals(token, run(guest, "cat /root/moved.txt"), "the file written before suspend is there");
                assertEquals(bootId, run(guest, "cat /proc/sys/kernel/random/boot_id"), "the same boot: resumed, not restarted");
                double uptimeAfter = uptime(guest);
                assertTrue(uptimeAfter >= uptimeBefore, "uptime went on: " + uptimeBefore + " s before, " + uptimeAfter + " s after");
                assertEquals(0, guest.exec(GuestExecRequest.of("/bin/sh", "-c", "echo second >> /root/moved.txt && sync")).exitCode());
            }
            Generation second = b.suspend(VM);
            assertEquals(2, second.number());
            assertEquals(first.contentHash(), second.parentHash());
            b.release(VM);

            // both hosts try to resume the free VM at once: exactly one does, the other is told who holds it
            List<Throwable> failures = race(a, b);
            assertEquals(1, failures.size(), "exactly one host resumed the VM: " + failures);
            DifferenceException lost = (DifferenceException) failures.get(0);
            assertEquals(DifferenceException.Kind.LEASE_HELD, lost.kind(), lost.getMessage());
            VmHost winner = a.running().contains(VM) ? a : b;
            VmHost loser = winner == a ? b : a;
            assertEquals(List.of(), loser.running());
            try (GuestAgentClient guest = awaitAgent(vm)) {
                assertEquals(token + "\nsecond", run(guest, "cat /root/moved.txt"));
            }
            Generation third = winner.suspend(VM);
            assertEquals(3, third.number());

            // the server goes away: the host that holds the lease resumes from its own copy, the other cannot
            Bundle serverBundle = java.util.Arrays.stream(Services.context().getBundles())
                    .filter(x -> x.getSymbolicName().equals("org.deskplane.vmdiff.server")).findFirst().orElseThrow();
            serverBundle.stop();
            try {
                assertEquals(DifferenceException.Kind.UNREACHABLE,
                        assertThrows(DifferenceException.class, () -> loser.resume(VM)).kind());
                winner.resume(VM);
                try (GuestAgentClient guest = awaitAgent(vm)) {
                    assertEquals(bootId, run(guest, "cat /proc/sys/kernel/random/boot_id"));
                }
                // a trigger file on the host suspends it; the generation is owed to the server
                Path trigger = root.resolve(winner.hostId()).resolve("triggers").resolve(VM + ".suspend");
                Files.writeString(trigger, "");
                Services.waitFor("the trigger file suspended the VM", Duration.ofMinutes(3), () -> winner.running().isEmpty());
                assertEquals(4, winner.copy().head(VM).orElseThrow().number());
            } finally {
                serverBundle.start();
            }
            DifferenceServer back = Services.awaitService(DifferenceServer.class, null);
            String owed = winner.copy().head(VM).orElseThrow().contentHash();
            Services.waitFor("the owed generation reached the server", Duration.ofMinutes(2), () -> {
                try {
                    return back.copy().head(VM).map(g -> g.contentHash().equals(owed)).orElse(false);
                } catch (java.io.IOException e) {
                    return false;
                }
            });

            // shut down rather than suspended: the generation has no memory state, and resuming it boots the disk
            winner.resume(VM);
            try (GuestAgentClient guest = awaitAgent(vm)) {
                // the guest powers itself off a moment later (the image's init has no ACPI handler)
                guest.exec(GuestExecRequest.of("/bin/sh", "-c", "sync; (sleep 3; echo o > /proc/sysrq-trigger) >/dev/null 2>&1 &"));
            }
            Generation off = winner.shutdown(VM, Duration.ofMinutes(2));
            assertEquals(5, off.number());
            assertTrue(!off.hasMemoryState(), "a shut-down VM keeps no memory state");
            loser.moveHere(VM);
            try (GuestAgentClient guest = awaitAgent(vm)) {
                assertEquals(token + "\nsecond", run(guest, "cat /root/moved.txt"), "the disk went with it");
                assertTrue(!bootId.equals(run(guest, "cat /proc/sys/kernel/random/boot_id")), "booted, not resumed");
            }
        } finally {
            TestVms.remove(connection, uuid);
            for (Configuration c : configs) {
                try {
                    c.delete();
                } catch (Exception gone) {
                    // already deleted
                }
            }
            try (Stream<Path> files = Files.walk(root)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    private static Configuration host(ConfigurationAdmin cm, String id, Path root) throws Exception {
        Configuration c = cm.getFactoryConfiguration("org.deskplane.vmdiff.host", id, "?");
        Hashtable<String, Object> p = new Hashtable<>();
        p.put("vmdiff.host", id);
        p.put("dataDirectory", root.resolve(id).toString());
        p.put("connection.target", "(connection.id=" + CONNECTION + ")");
        p.put("pollMillis", 300L);
        c.update(p);
        return c;
    }

    /** A and B call resume at the same moment; returns what was thrown (by the one that lost). */
    private static List<Throwable> race(VmHost a, VmHost b) throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<?>> calls = new ArrayList<>();
            for (VmHost host : List.of(a, b)) {
                calls.add(pool.submit(() -> {
                    go.await();
                    host.resume(VM);
                    return null;
                }));
            }
            go.countDown();
            List<Throwable> failures = new ArrayList<>();
            for (Future<?> call : calls) {
                try {
                    call.get(5, TimeUnit.MINUTES);
                } catch (java.util.concurrent.ExecutionException e) {
                    failures.add(e.getCause());
                }
            }
            return failures;
        } finally {
            pool.shutdownNow();
        }
    }

    private static GuestAgentClient awaitAgent(VmId vm) throws Exception {
        VmGuestAgents agents = Services.service(VmGuestAgents.class);
        long deadline = System.nanoTime() + BOOT.toNanos();
        Exception last = null;
        while (System.nanoTime() < deadline) {
            try {
                GuestAgentClient client = agents.open(vm);
                client.ping();
                return client;
            } catch (Exception e) {
                last = e;
                Thread.sleep(1000);
            }
        }
        throw new AssertionError("the guest agent of " + vm + " never answered within " + BOOT, last);
    }

    private static String run(GuestAgentClient guest, String command) throws Exception {
        GuestExecResult result = guest.exec(GuestExecRequest.of("/bin/sh", "-c", command));
        assertEquals(0, result.exitCode(), command + ": " + new String(result.stderr(), StandardCharsets.UTF_8));
        return result.stdoutText().strip();
    }

    private static double uptime(GuestAgentClient guest) throws Exception {
        return Double.parseDouble(run(guest, "cut -d' ' -f1 /proc/uptime"));
    }
}
