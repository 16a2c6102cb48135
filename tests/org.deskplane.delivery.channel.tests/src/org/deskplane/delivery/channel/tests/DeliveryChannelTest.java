package org.deskplane.delivery.channel.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import org.deskplane.channel.api.ChannelPeer;
import org.deskplane.channel.api.HostChannel;
import org.deskplane.channel.api.MessageHandler;
import org.deskplane.delivery.api.DeliveryException;
import org.deskplane.delivery.api.Payload;
import org.deskplane.delivery.api.PayloadFile;
import org.deskplane.delivery.api.PayloadManifest;
import org.deskplane.delivery.api.Step;
import org.deskplane.delivery.spi.AttachContext;
import org.deskplane.delivery.spi.Attachment;
import org.deskplane.delivery.spi.DeliveryMethod;
import org.deskplane.delivery.spi.GuestJob;
import org.deskplane.delivery.spi.GuestProcessor;
import org.deskplane.delivery.spi.GuestState;
import org.deskplane.delivery.spi.GuestStatus;
import org.deskplane.delivery.spi.MediaLocation;
import org.deskplane.delivery.spi.VmTarget;
import org.deskplane.delivery.wire.DeliveryWire;
import org.deskplane.hypervisor.api.HypervisorConnection;
import org.deskplane.hypervisor.api.VmId;
import org.deskplane.hypervisor.api.VmInfo;
import org.deskplane.hypervisor.api.VmState;
import org.deskplane.print.testing.KnownVms;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.util.tracker.ServiceTracker;

/**
 * Software delivery over the real channel, in one framework: the host's guest processor {@code agent} and delivery
 * method {@code channel-copy} (org.deskplane.delivery.channel) → the host channel → a Unix socket → the agent's
 * channel → the guest side (org.deskplane.delivery.agent), which writes below a temporary copy root and runs the
 * payload's scripts with /bin/sh.
 */
class DeliveryChannelTest {
    private static final Duration DEADLINE = Duration.ofSeconds(60);
    private static final Duration CALL = Duration.ofSeconds(30);
    private static final BundleContext context = FrameworkUtil.getBundle(DeliveryChannelTest.class).getBundleContext();
    private static final String vmId = UUID.randomUUID().toString();
    private static final KnownVms vms = new KnownVms("test");
    private static final List<Configuration> configurations = new ArrayList<>();
    private static Path dir;
    private static Path copyRoot;
    private static GuestProcessor processor;
    private static DeliveryMethod copy;
    private static VmTarget vm;

    @BeforeAll
    static void connect() throws Exception {
        context.registerService(HypervisorConnection.class, vms, new Hashtable<>(Map.of(HypervisorConnection.ID_PROPERTY, "test")));
        vms.add(vmId, "desk-1", Map.of());
        vm = new VmTarget(new VmId("test", vmId), vms.vm(vmId), vms);
        ConfigurationAdmin cm = service(ConfigurationAdmin.class, null);
        HostChannel hostChannel = service(HostChannel.class, null);
        dir = Files.createTempDirectory(Path.of("/tmp"), "dpdc");
        copyRoot = Files.createDirectories(dir.resolve("guest-copies"));
        configure(cm, "org.deskplane.delivery.agent", Map.of("copyRoot", copyRoot.toString(), "mountRoot",
                dir.resolve("mnt").toString(), "kernelModules", new String[0]));
        configure(cm, "org.deskplane.delivery.channel.copy", Map.of("guestCopyRoot", copyRoot.toString()));
        Path socket = dir.resolve("agents.sock");
        configure(cm, "org.deskplane.channel.listener", Map.of("socketPath", socket.toString()));
        await(() -> Files.exists(socket));
        Path key = dir.resolve("agent.key");
        Files.writeString(key, Base64.getEncoder().encodeToString(hostChannel.provisionSecret(vmId)) + "\n");
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
        configure(cm, "org.deskplane.channel.agent", Map.of("vmId", vmId, "keyFile", key.toString(), "socketPath", socket.toString()));
        ChannelPeer guest = service(ChannelPeer.class, "(deskplane.channel.peer=host)");
        await(guest::isConnected);
        // the configured guest side and method (their services carry the configuration once it is applied)
        service(Object.class, "(&(objectClass=org.deskplane.delivery.agent.internal.DeliveryAgentComponent)(copyRoot=" + copyRoot + "))");
        copy = service(DeliveryMethod.class, "(&(delivery.method=channel-copy)(guestCopyRoot=" + copyRoot + "))");
        processor = service(GuestProcessor.class, "(delivery.processor=agent)");
        await(() -> processor.canReach(vm));
        await(() -> processor.status(vm, "probe", 0, CALL).state() == GuestState.UNKNOWN);
    }

    private static void configure(ConfigurationAdmin cm, String pid, Map<String, Object> properties) throws Exception {
        Configuration c = cm.getConfiguration(pid, "?");
        c.update(new Hashtable<>(properties));
        configurations.add(c);
    }

    @AfterAll
    static void disconnect() throws Exception {
        for (int i = configurations.size() - 1; i >= 0; i--) {
            configurations.get(i).delete();
        }
    }

    /** A payload folder as the repository keeps it: its files and its manifest. */
    private static Payload payload(Path folder, Map<String, String> files, List<Step> steps, Duration timeout) throws Exception {
        List<PayloadFile> listed = new ArrayList<>();
        for (Map.Entry<String, String> e : files.entrySet()) {
            byte[] bytes = e.getValue().getBytes(StandardCharsets.UTF_8);
            Path p = folder.resolve(e.getKey());
            Files.createDirectories(p.getParent());
            Files.write(p, bytes);
            listed.add(new PayloadFile(e.getKey(), bytes.length, HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes))));
        }
        PayloadManifest manifest = new PayloadManifest("patch", "1.0", "", listed, steps, false, timeout);
        Files.write(folder.resolve(PayloadManifest.FILE_NAME), manifest.toBytes());
        return new Payload(manifest, "DP_PATCH", 0, "", Instant.now());
    }

    private static Map<String, String> files(String... pathsAndContents) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < pathsAndContents.length; i += 2) {
            m.put(pathsAndContents[i], pathsAndContents[i + 1]);
        }
        return m;
    }

    private static GuestStatus awaitFinal(String job) throws Exception {
        Instant end = Instant.now().plus(DEADLINE);
        while (Instant.now().isBefore(end)) {
            GuestStatus s = processor.status(vm, job, 0, CALL);
            if (s.state().isFinal()) {
                return s;
            }
            Thread.sleep(50);
        }
        fail("job " + job + " did not end");
        return null;
    }

    @Test
    void channelCopyDeliversThePayloadAndTheAgentProcessesIt() throws Exception {
        Path folder = Files.createTempDirectory(dir, "payload");
        Path installed = dir.resolve("installed");
        Payload payload = payload(folder, files("conf/app.conf", "color = blue\n", "install.sh",
                "echo installing $DESKPLANE_JOB\nfor i in $(seq 1 700); do echo line $i; done\n"),
                List.of(Step.copy("conf/app.conf", installed + "/"), Step.run("install.sh", List.of())), Duration.ofSeconds(60));
        List<String> log = new ArrayList<>();
        String job = "job-" + UUID.randomUUID();

        assertNull(copy.unusableReason(vm, false));
        Attachment attachment = copy.attach(vm, new AttachContext(payload, new FolderRepository(folder), job, log::add));
        assertEquals(MediaLocation.directory(copyRoot + "/" + job), attachment.location());
        assertEquals("color = blue\n", Files.readString(copyRoot.resolve(job).resolve("conf/app.conf")));
        assertTrue(Files.exists(copyRoot.resolve(job).resolve(PayloadManifest.FILE_NAME)));
        assertTrue(log.stream().anyMatch(l -> l.startsWith("copied conf/app.conf")), log.toString());
        assertTrue(copy.isAttached(vm, attachment));

        GuestJob guestJob = new GuestJob(job, payload.manifest(), payload.volumeLabel());
        processor.prepare(vm, guestJob, CALL);
        processor.start(vm, guestJob, attachment.location(), CALL);
        GuestStatus s = awaitFinal(job);
        assertEquals(GuestState.SUCCEEDED, s.state(), s.message());
        assertEquals(0, s.exitCode());
        assertEquals("color = blue\n", Files.readString(installed.resolve("app.conf")));

        // the log comes in pages of at most 500 lines
        List<String> all = new ArrayList<>();
        int next = 0;
        for (int page = 0; page < 10; page++) {
            GuestStatus p = processor.status(vm, job, next, CALL);
            if (p.log().isEmpty()) {
                break;
            }
            assertTrue(p.log().size() <= 500);
            all.addAll(p.log());
            next = p.nextLog();
        }
        assertTrue(all.contains("installing " + job), all.toString());
        assertTrue(all.contains("line 700"));
        assertEquals(all.size(), next);

        copy.detach(vm, attachment);
        assertFalse(Files.exists(copyRoot.resolve(job)), "release deleted the copy");
        assertFalse(copy.isAttached(vm, attachment));
        assertEquals(GuestState.UNKNOWN, processor.status(vm, job, 0, CALL).state(), "the job is forgotten");
        copy.detach(vm, attachment); // idempotent
    }

    @Test
    void failingScriptAndCancelComeBackOverTheChannel() throws Exception {
        Path folder = Files.createTempDirectory(dir, "payload");
        Payload failing = payload(folder, files("fail.sh", "echo no luck\nexit 7\n"), List.of(Step.run("fail.sh", List.of())),
                Duration.ofSeconds(60));
        String job = "job-" + UUID.randomUUID();
        Attachment a = copy.attach(vm, new AttachContext(failing, new FolderRepository(folder), job, l -> { }));
        processor.start(vm, new GuestJob(job, failing.manifest(), null), a.location(), CALL);
        GuestStatus s = awaitFinal(job);
        assertEquals(GuestState.FAILED, s.state());
        assertEquals(7, s.exitCode());
        assertTrue(s.log().contains("no luck"));
        copy.detach(vm, a);

        Path hangFolder = Files.createTempDirectory(dir, "payload");
        Payload hanging = payload(hangFolder, files("hang.sh", "echo started\nsleep 300\n"), List.of(Step.run("hang.sh", List.of())),
                Duration.ofSeconds(600));
        String job2 = "job-" + UUID.randomUUID();
        Attachment b = copy.attach(vm, new AttachContext(hanging, new FolderRepository(hangFolder), job2, l -> { }));
        processor.start(vm, new GuestJob(job2, hanging.manifest(), null), b.location(), CALL);
        await(() -> processor.status(vm, job2, 0, CALL).log().contains("started"));
        assertEquals(GuestState.RUNNING, processor.status(vm, job2, 0, CALL).state());
        processor.cancel(vm, job2, CALL);
        assertEquals(GuestState.CANCELLED, awaitFinal(job2).state());
        processor.release(vm, job2, CALL);
        assertFalse(Files.exists(copyRoot.resolve(job2)));
    }

    @Test
    void aFileThatDiffersFromItsManifestIsRefusedAndTheHalfCopyRemoved() throws Exception {
        Path folder = Files.createTempDirectory(dir, "payload");
        Payload payload = payload(folder, files("a.txt", "first", "b.txt", "second"), List.of(), Duration.ofSeconds(60));
        Files.writeString(folder.resolve("b.txt"), "SECOND"); // the repository's file changed under the manifest
        String job = "job-" + UUID.randomUUID();
        DeliveryException e = assertThrows(DeliveryException.class,
                () -> copy.attach(vm, new AttachContext(payload, new FolderRepository(folder), job, l -> { })));
        assertEquals(DeliveryException.Reason.FAILED, e.reason());
        assertTrue(e.getMessage().contains("refused b.txt: checksum mismatch: b.txt"), e.getMessage());
        assertFalse(Files.exists(copyRoot.resolve(job)), "a.txt, copied before, was released again");
    }

    @Test
    void anAgentThatIsNotConnectedIsUnavailableAtOnce() throws Exception {
        String other = UUID.randomUUID().toString();
        vms.add(other, "desk-2", Map.of());
        VmTarget away = new VmTarget(new VmId("test", other), vms.vm(other), vms);
        assertFalse(processor.canReach(away));
        assertTrue(copy.unusableReason(away, false).contains("is not connected"));
        GuestJob job = new GuestJob("job-x", new PayloadManifest("p", "1", "", List.of(), List.of(), false, null), "L");
        // a long call timeout: the answer must not wait for it (nor for an agent that may connect one day)
        DeliveryException e = assertTimeoutPreemptively(Duration.ofSeconds(30),
                () -> assertThrows(DeliveryException.class, () -> processor.prepare(away, job, Duration.ofMinutes(10))));
        assertEquals(DeliveryException.Reason.AGENT_UNAVAILABLE, e.reason());
        assertEquals("agent unavailable: the Deskplane agent of VM desk-2 (" + other + ") is not connected", e.getMessage());
        assertEquals(DeliveryException.Reason.AGENT_UNAVAILABLE, assertThrows(DeliveryException.class,
                () -> processor.status(away, "job-x", 0, Duration.ofMinutes(10))).reason());
        Payload payload = new Payload(job.manifest(), "L", 0, "", Instant.now());
        assertEquals(DeliveryException.Reason.AGENT_UNAVAILABLE, assertThrows(DeliveryException.class,
                () -> copy.attach(away, new AttachContext(payload, new FolderRepository(dir), "job-x", l -> { }))).reason());

        Attachment attachment = new Attachment("channel-copy", MediaLocation.directory(copyRoot + "/job-x"), Map.of("job", "job-x"));
        assertEquals(DeliveryException.Reason.TRANSIENT, assertThrows(DeliveryException.class, () -> copy.detach(away, attachment))
                .reason(), "the VM exists: its agent may come back to release");
        VmTarget gone = new VmTarget(new VmId("test", UUID.randomUUID().toString()), away.info(), vms);
        copy.detach(gone, attachment); // the VM no longer exists: nothing left to release
        assertFalse(copy.isAttached(gone, attachment));
    }

    @Test
    void anAgentThatDoesNotAnswerIsUnavailableAfterTheCallsTimeout() throws Exception {
        // a guest-side handler that never answers (the newest handler for a type wins in the channel)
        ServiceRegistration<MessageHandler> silent = context.registerService(MessageHandler.class,
                (request, from) -> new CompletableFuture<byte[]>(),
                new Hashtable<>(Map.of(MessageHandler.MESSAGE_TYPE, DeliveryWire.STATUS)));
        try {
            DeliveryException e = assertTimeoutPreemptively(Duration.ofSeconds(30),
                    () -> assertThrows(DeliveryException.class, () -> processor.status(vm, "job-y", 0, Duration.ofSeconds(1))));
            assertEquals(DeliveryException.Reason.AGENT_UNAVAILABLE, e.reason());
            assertTrue(e.getMessage().endsWith("did not answer delivery.status within 1000 ms"), e.getMessage());
        } finally {
            silent.unregister();
        }
        await(() -> processor.status(vm, "job-y", 0, CALL).state() == GuestState.UNKNOWN);
    }

    @Test
    void anAgentWithoutTheDeliveryBundleIsUnavailable() throws Exception {
        Bundle guestSide = java.util.Arrays.stream(context.getBundles())
                .filter(b -> b.getSymbolicName().equals("org.deskplane.delivery.agent")).findFirst().orElseThrow();
        guestSide.stop();
        try {
            GuestJob job = new GuestJob("job-z", new PayloadManifest("p", "1", "", List.of(), List.of(), false, null), "L");
            DeliveryException e = assertThrows(DeliveryException.class, () -> processor.prepare(vm, job, Duration.ofSeconds(2)));
            assertEquals(DeliveryException.Reason.AGENT_UNAVAILABLE, e.reason());
            assertTrue(e.getMessage().contains("has no software delivery support"), e.getMessage());

            // an agent still starting its bundles: prepare keeps asking until the timeout, and gets through
            Thread starter = new Thread(() -> {
                try {
                    Thread.sleep(1500);
                    guestSide.start();
                } catch (Exception ignored) {
                    // the assertion below fails instead
                }
            });
            starter.start();
            processor.prepare(vm, new GuestJob("job-late", job.manifest(), "L"), CALL);
            starter.join();
        } finally {
            if (guestSide.getState() != Bundle.ACTIVE) {
                guestSide.start();
            }
        }
        service(Object.class, "(&(objectClass=org.deskplane.delivery.agent.internal.DeliveryAgentComponent)(copyRoot=" + copyRoot + "))");
        await(() -> processor.status(vm, "job-z", 0, CALL).state() == GuestState.UNKNOWN);
    }

    @Test
    void aVmThatIsNotRunningCannotBeServed() {
        VmInfo off = new VmInfo(vm.id(), "desk-1", VmState.SHUTOFF, true, false, 1, 1024, List.of(), List.of(), Map.of());
        assertTrue(copy.unusableReason(new VmTarget(vm.id(), off, vms), false).contains("is not running (SHUTOFF)"));
        assertNotNull(copy.unusableReason(vm, true), "nothing to put into a definition for the next start");
    }

    @Test
    void badRequestsAreRefusedAsInvalid() throws Exception {
        PayloadManifest manifest = new PayloadManifest("p", "1", "", List.of(), List.of(), false, null);
        DeliveryException badId = assertThrows(DeliveryException.class,
                () -> processor.prepare(vm, new GuestJob("no/slashes", manifest, "L"), CALL));
        assertEquals(DeliveryException.Reason.INVALID, badId.reason());
        assertTrue(badId.getMessage().endsWith("refused delivery.prepare: bad job id"), badId.getMessage());
        DeliveryException relative = assertThrows(DeliveryException.class,
                () -> processor.start(vm, new GuestJob("j1", manifest, "L"), MediaLocation.directory("not/absolute"), CALL));
        assertEquals(DeliveryException.Reason.INVALID, relative.reason());
        assertTrue(relative.getMessage().contains("guest directory must be absolute"), relative.getMessage());
    }

    private static <T> T service(Class<T> type, String filter) throws Exception {
        ServiceTracker<T, T> tracker = filter == null ? new ServiceTracker<>(context, type, null)
                : new ServiceTracker<>(context, context.createFilter(type == Object.class ? filter
                        : "(&(objectClass=" + type.getName() + ")" + filter + ")"), null);
        tracker.open();
        T s = tracker.waitForService(DEADLINE.toMillis());
        assertNotNull(s, type.getSimpleName() + " " + filter + " did not appear");
        return s;
    }

    private interface Check {
        boolean holds() throws Exception;
    }

    private static void await(Check check) throws Exception {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        Exception last = null;
        while (System.nanoTime() < deadline) {
            try {
                if (check.holds()) {
                    return;
                }
            } catch (Exception e) {
                last = e; // e.g. no handler yet while components come up
            }
            Thread.sleep(20);
        }
        fail("timed out" + (last == null ? "" : ": " + last));
    }
}
