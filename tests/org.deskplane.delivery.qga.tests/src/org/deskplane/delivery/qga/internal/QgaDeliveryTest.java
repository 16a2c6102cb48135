package org.deskplane.delivery.qga.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.deskplane.delivery.api.DeliveryException;
import org.deskplane.delivery.api.DeliveryException.Reason;
import org.deskplane.delivery.api.Payload;
import org.deskplane.delivery.api.Step;
import org.deskplane.delivery.spi.AttachContext;
import org.deskplane.delivery.spi.Attachment;
import org.deskplane.delivery.spi.GuestJob;
import org.deskplane.delivery.spi.GuestState;
import org.deskplane.delivery.spi.GuestStatus;
import org.deskplane.delivery.spi.MediaLocation;
import org.deskplane.delivery.spi.VmTarget;
import org.deskplane.hypervisor.api.VmState;
import org.deskplane.qga.api.GuestAgentClients;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;

/**
 * qga-copy and the qemu-ga processor against the real QEMU guest agent on this host: the "guest" folders are temp
 * folders (with a space and non-ASCII letters in their names, to exercise the quoting).
 */
class QgaDeliveryTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    @TempDir
    static Path agentDir;
    private static QemuGuestAgent agent;
    private static ServiceTracker<GuestAgentClients, GuestAgentClients> clients;

    @TempDir
    Path temp;
    private GuestPaths paths;
    private QgaCopyMethod copy;
    private QgaGuestProcessor processor;
    private final VmTarget vm = Guests.vm("qga-test", VmState.RUNNING);

    @BeforeAll
    static void startAgent() throws Exception {
        agent = QemuGuestAgent.start(agentDir);
        clients = new ServiceTracker<>(FrameworkUtil.getBundle(QgaDeliveryTest.class).getBundleContext(), GuestAgentClients.class, null);
        clients.open();
        assertNotNull(clients.waitForService(30_000), "GuestAgentClients service");
    }

    @AfterAll
    static void stopAgent() throws Exception {
        clients.close();
        agent.close();
    }

    @BeforeEach
    void setUp() throws Exception {
        paths = new GuestPaths(Files.createDirectories(temp.resolve("guest state ü")).toString(), temp.resolve("mnt ü").toString());
        GuestAgentAccess access = (target, timeout) -> clients.getService().open(agent.socket,
                clients.getService().defaultOptions().withCallTimeout(timeout));
        copy = new QgaCopyMethod(access, paths);
        processor = new QgaGuestProcessor(access, paths);
    }

    private Payload payload(String script, Map<String, String> extra, List<Step> moreSteps) throws Exception {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("scripts/it's install.sh", script);
        files.putAll(extra);
        List<Step> steps = new ArrayList<>(moreSteps);
        steps.add(Step.run("scripts/it's install.sh", List.of("--name", "Grüße 'quoted' $HOME")));
        return Guests.payload(Files.createDirectories(temp.resolve("content")), "qga-payload", files, steps);
    }

    private Attachment attach(Payload payload, String job) throws Exception {
        List<String> log = new ArrayList<>();
        Attachment attachment = copy.attach(vm, new AttachContext(payload, Guests.repository(payload, temp.resolve("content")), job, log::add));
        assertEquals(MediaLocation.Kind.GUEST_DIRECTORY, attachment.location().kind());
        assertTrue(log.get(0).contains("written"), log.toString());
        return attachment;
    }

    private GuestStatus runToEnd(Payload payload, String job, Attachment attachment) throws Exception {
        GuestJob guestJob = new GuestJob(job, payload.manifest(), payload.volumeLabel());
        processor.prepare(vm, guestJob, TIMEOUT);
        processor.start(vm, guestJob, attachment.location(), TIMEOUT);
        processor.start(vm, guestJob, attachment.location(), TIMEOUT); // idempotent: no second runner
        return awaitFinal(job, 0);
    }

    private GuestStatus awaitFinal(String job, int logFrom) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        List<String> log = new ArrayList<>();
        int next = logFrom;
        while (true) {
            GuestStatus status = processor.status(vm, job, next, TIMEOUT);
            log.addAll(status.log());
            next = status.nextLog();
            if (status.state().isFinal()) {
                return new GuestStatus(status.state(), status.progress(), status.message(), status.exitCode(), log, next);
            }
            if (System.nanoTime() > deadline) {
                fail("job " + job + " did not finish: " + status);
            }
            Thread.sleep(50);
        }
    }

    @Test
    void payloadIsCopiedVerifiedAndProcessedWithItsOutputInTheLog() throws Exception {
        Path copied = temp.resolve("target dir ß/app.conf");
        Payload payload = payload("""
                echo "hello from $DESKPLANE_JOB in $(pwd)"
                for a in "$@"; do echo "arg<$a>"; done
                cat conf/app.conf
                """, Map.of("conf/app.conf", "answer=42\n"), List.of(Step.copy("conf/app.conf", copied.toString())));
        String job = "job-ok-1";
        Attachment attachment = attach(payload, job);
        String filesDir = paths.filesDir(job);
        assertEquals("answer=42\n", Files.readString(Path.of(filesDir, "conf/app.conf")));
        assertTrue(copy.isAttached(vm, attachment));

        GuestStatus status = runToEnd(payload, job, attachment);

        assertEquals(GuestState.SUCCEEDED, status.state(), status.toString());
        assertEquals(0, status.exitCode());
        assertEquals(100, status.progress());
        assertTrue(status.log().contains("hello from " + job + " in " + filesDir), status.log().toString());
        assertTrue(status.log().containsAll(List.of("arg<--name>", "arg<Grüße 'quoted' $HOME>", "answer=42")), status.log().toString());
        assertEquals("answer=42\n", Files.readString(copied), "the copy step ran");
        assertEquals(1, status.log().stream().filter(l -> l.startsWith("hello from")).count(), "started once");

        processor.release(vm, job, TIMEOUT);
        assertFalse(Files.exists(Path.of(paths.jobDir(job))), "release removes the job folder");
        assertEquals(GuestState.UNKNOWN, processor.status(vm, job, 0, TIMEOUT).state());
        copy.detach(vm, attachment);
        copy.detach(vm, attachment); // idempotent
        assertFalse(copy.isAttached(vm, attachment));
    }

    @Test
    void aFailingScriptFailsWithItsExitCode() throws Exception {
        Payload payload = payload("echo about to fail\nexit 7\n", Map.of(), List.of());
        Attachment attachment = attach(payload, "job-fail");
        GuestStatus status = runToEnd(payload, "job-fail", attachment);
        assertEquals(GuestState.FAILED, status.state());
        assertEquals(7, status.exitCode());
        assertTrue(status.log().contains("about to fail"), status.log().toString());
        copy.detach(vm, attachment);
        assertFalse(Files.exists(Path.of(paths.filesDir("job-fail"))), "detach removes the copied files");
        processor.release(vm, "job-fail", TIMEOUT);
    }

    @Test
    void aDamagedFileFailsTheJobBeforeAnythingRuns() throws Exception {
        Path marker = temp.resolve("ran");
        Payload payload = payload("touch '" + marker + "'\n", Map.of("data.bin", "original"), List.of());
        Attachment attachment = attach(payload, "job-hash");
        Path copied = Path.of(paths.filesDir("job-hash"), "data.bin");
        Files.writeString(copied, "tampered"); // the "guest" is this machine: damage the copy after it was checked
        GuestStatus status = runToEnd(payload, "job-hash", attachment);
        assertEquals(GuestState.FAILED, status.state());
        assertTrue(status.message().contains("SHA-256"), status.message());
        assertFalse(Files.exists(marker), "the script did not run");
        processor.release(vm, "job-hash", TIMEOUT);
        copy.detach(vm, attachment);
    }

    @Test
    void cancelKillsTheRunningStep() throws Exception {
        Path marker = temp.resolve("finished");
        Payload payload = payload("echo started\nsleep 300\ntouch '" + marker + "'\n", Map.of(), List.of());
        Attachment attachment = attach(payload, "job-cancel");
        GuestJob job = new GuestJob("job-cancel", payload.manifest(), payload.volumeLabel());
        processor.prepare(vm, job, TIMEOUT);
        processor.start(vm, job, attachment.location(), TIMEOUT);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!processor.status(vm, "job-cancel", 0, TIMEOUT).log().contains("started")) {
            if (System.nanoTime() > deadline) {
                fail("the script did not start");
            }
            Thread.sleep(50);
        }
        long pid = Long.parseLong(Files.readString(Path.of(paths.jobDir("job-cancel"), "pid")).strip());

        processor.cancel(vm, "job-cancel", TIMEOUT);

        GuestStatus status = processor.status(vm, "job-cancel", 0, TIMEOUT);
        assertEquals(GuestState.CANCELLED, status.state(), status.toString());
        assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false) && !isZombie(pid), "the runner is gone");
        assertFalse(Files.exists(marker));
        processor.cancel(vm, "job-cancel", TIMEOUT); // again: nothing to do, still cancelled
        assertEquals(GuestState.CANCELLED, processor.status(vm, "job-cancel", 0, TIMEOUT).state());
        processor.release(vm, "job-cancel", TIMEOUT);
        copy.detach(vm, attachment);
        assertFalse(Files.exists(Path.of(paths.jobDir("job-cancel"))));
    }

    private static boolean isZombie(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            return stat.substring(stat.lastIndexOf(')') + 2).startsWith("Z");
        } catch (Exception e) {
            return true; // gone
        }
    }

    @Test
    void noAgentMeansAgentUnavailableNotAHang() throws Exception {
        Path nothing = temp.resolve("no-agent.sock");
        GuestAgentAccess absent = (target, timeout) -> clients.getService().open(nothing, clients.getService().defaultOptions().withCallTimeout(timeout));
        QgaGuestProcessor lonely = new QgaGuestProcessor(absent, paths);
        GuestJob job = new GuestJob("job-none", Guests.payload(temp.resolve("c"), "p", Map.of("a.sh", "true"), List.of()).manifest(), "DP_X");
        DeliveryException e = assertThrows(DeliveryException.class, () -> lonely.prepare(vm, job, Duration.ofSeconds(2)));
        assertEquals(Reason.AGENT_UNAVAILABLE, e.reason(), e.getMessage());

        // a socket that accepts but never answers: bounded by the call timeout
        Path silent = temp.resolve("silent.sock");
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(silent));
            List<SocketChannel> accepted = new ArrayList<>();
            Thread acceptor = new Thread(() -> {
                try {
                    accepted.add(server.accept());
                } catch (Exception ignored) {
                    // closed at the end of the test
                }
            });
            acceptor.start();
            GuestAgentAccess mute = (target, timeout) -> clients.getService().open(silent, clients.getService().defaultOptions().withCallTimeout(timeout));
            QgaGuestProcessor hanging = new QgaGuestProcessor(mute, paths);
            e = assertThrows(DeliveryException.class, () -> hanging.status(vm, "job-none", 0, Duration.ofSeconds(2)));
            assertEquals(Reason.AGENT_UNAVAILABLE, e.reason(), e.getMessage());
            server.close();
            acceptor.join(5000);
            for (SocketChannel c : accepted) {
                c.close();
            }
        }
    }

    @Test
    void jobIdsThatAreNotPlainNamesAreRefused() {
        for (String bad : List.of("../etc", "a/b", ".hidden", "", "x y")) {
            DeliveryException e = assertThrows(DeliveryException.class, () -> processor.release(vm, bad, TIMEOUT));
            assertEquals(Reason.INVALID, e.reason());
        }
        assertTrue(Files.exists(temp.resolve("guest state ü")));
    }
}
