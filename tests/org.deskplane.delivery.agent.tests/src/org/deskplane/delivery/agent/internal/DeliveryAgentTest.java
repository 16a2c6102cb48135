package org.deskplane.delivery.agent.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

import org.deskplane.delivery.api.PayloadManifest;
import org.deskplane.delivery.spi.GuestJob;
import org.deskplane.delivery.spi.GuestState;
import org.deskplane.delivery.spi.GuestStatus;
import org.deskplane.delivery.spi.MediaLocation;
import org.deskplane.delivery.wire.DeliveryWire;
import org.deskplane.delivery.wire.WireException;
import org.deskplane.delivery.wire.WireMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The guest side as the channel handlers drive it: copy streams into the copy root, then prepare/start/status/
 * cancel/release as encoded request bodies ({@link DeliveryRequests}), with real scripts run by /bin/sh.
 */
class DeliveryAgentTest {
    private static final Duration DEADLINE = Duration.ofSeconds(60);
    @TempDir
    Path tmp;
    private Path copyRoot;
    private Path out;
    private DeliveryAgent agent;
    private DeliveryRequests requests;

    @BeforeEach
    void setUp() throws Exception {
        copyRoot = Files.createDirectories(tmp.resolve("copies"));
        out = Files.createDirectories(tmp.resolve("out"));
        agent = new DeliveryAgent(AgentSettings.under(copyRoot, tmp.resolve("mnt"), List.of()));
        requests = new DeliveryRequests(agent);
    }

    @AfterEach
    void tearDown() {
        agent.close();
    }

    /** Sends every file of the payload (and its manifest) as copy streams, as channel-copy does. */
    private Path deliverByCopy(String job, TestPayload payload) throws Exception {
        payload.files.forEach((path, bytes) -> assertEquals("ok", receive(job, path, bytes, TestPayload.sha256(bytes))));
        byte[] manifest = payload.manifest().toBytes();
        assertEquals("ok", receive(job, PayloadManifest.FILE_NAME, manifest, TestPayload.sha256(manifest)));
        return copyRoot.resolve(job);
    }

    private String receive(String job, String path, byte[] content, String sha) {
        try {
            return agent.copies().receive(new ByteArrayInputStream(TestPayload.copyStream(job, path, content, sha)));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private byte[] ask(String type, WireMessage body) throws AgentRefusal {
        return requests.answer(type, body.toBytes());
    }

    private void start(String job, TestPayload payload, MediaLocation where) throws Exception {
        GuestJob guestJob = new GuestJob(job, payload.manifest(), "DP_TEST");
        ask(DeliveryWire.PREPARE, DeliveryWire.job(guestJob));
        ask(DeliveryWire.START, DeliveryWire.start(guestJob, where));
    }

    private GuestStatus status(String job) throws Exception {
        return DeliveryWire.status(WireMessage.parse(ask(DeliveryWire.STATUS, new WireMessage().put(DeliveryWire.JOB, job)
                .put(DeliveryWire.LOG_FROM, 0))));
    }

    private GuestStatus awaitFinal(String job) throws Exception {
        Instant end = Instant.now().plus(DEADLINE);
        while (Instant.now().isBefore(end)) {
            GuestStatus s = status(job);
            if (s.state().isFinal()) {
                return s;
            }
            Thread.sleep(50);
        }
        fail("job " + job + " did not end: " + status(job));
        return null;
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        Instant end = Instant.now().plus(DEADLINE);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(end)) {
                fail("not within " + DEADLINE + ": " + what);
            }
            Thread.sleep(50);
        }
    }

    @Test
    void copiedPayloadIsVerifiedCopiedAndRun() throws Exception {
        Path etc = out.resolve("etc");
        TestPayload payload = new TestPayload().file("conf/app.conf", "color = blue\n")
                .file("install.sh", """
                        echo "installing from $DESKPLANE_PAYLOAD_DIR as job $DESKPLANE_JOB"
                        echo "DESKPLANE-PROGRESS 50"
                        echo "to stderr" 1>&2
                        cat "$1/app.conf"
                        """)
                .copy("conf/app.conf", etc + "/app/").run("install.sh", etc + "/app");
        Path dir = deliverByCopy("job-1", payload);
        start("job-1", payload, MediaLocation.directory(dir.toString()));

        GuestStatus s = awaitFinal("job-1");
        assertEquals(GuestState.SUCCEEDED, s.state(), s.message() + " " + s.log());
        assertEquals(0, s.exitCode());
        assertEquals(100, s.progress());
        assertEquals("color = blue\n", Files.readString(etc.resolve("app/app.conf")));
        assertTrue(s.log().contains("installing from " + dir + " as job job-1"), s.log().toString());
        assertTrue(s.log().contains("to stderr"), s.log().toString());
        assertTrue(s.log().contains("color = blue"), "the script read the copied file: " + s.log());
        assertTrue(s.log().contains("DESKPLANE-PROGRESS 50"), s.log().toString());
    }

    @Test
    void progressFollowsHashingStepsAndTheScriptsOwnReports() throws Exception {
        Path gate = out.resolve("gate");
        TestPayload payload = new TestPayload().file("slow.sh", "echo 'DESKPLANE-PROGRESS 50'\nwhile [ ! -e '" + gate
                + "' ]; do sleep 0.1; done\n").run("slow.sh");
        start("job-p", payload, MediaLocation.directory(deliverByCopy("job-p", payload).toString()));
        // one step sharing 20-100 %: half of it done is 60 %
        await("progress 60", () -> status0("job-p").progress() == 60);
        assertEquals(GuestState.RUNNING, status("job-p").state());
        Files.createFile(gate);
        assertEquals(100, awaitFinal("job-p").progress());
    }

    private GuestStatus status0(String job) {
        try {
            return status(job);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void failingScriptFailsWithItsExitCodeAndLaterStepsDoNotRun() throws Exception {
        TestPayload payload = new TestPayload().file("fail.sh", "echo about to fail\nexit 3\n")
                .file("after.sh", "touch '" + out.resolve("after") + "'\n").run("fail.sh").run("after.sh");
        start("job-2", payload, MediaLocation.directory(deliverByCopy("job-2", payload).toString()));
        GuestStatus s = awaitFinal("job-2");
        assertEquals(GuestState.FAILED, s.state());
        assertEquals(3, s.exitCode());
        assertTrue(s.message().contains("step 1 (run fail.sh) exited with 3"), s.message());
        assertTrue(s.log().contains("about to fail"));
        assertFalse(Files.exists(out.resolve("after")));
    }

    @Test
    void hashMismatchFailsNamingTheFileAndRunsNothing() throws Exception {
        TestPayload payload = new TestPayload().file("data/blob.bin", "the real content")
                .file("run.sh", "touch '" + out.resolve("ran") + "'\n").run("run.sh");
        Path dir = deliverByCopy("job-3", payload);
        Files.writeString(dir.resolve("data/blob.bin"), "the fake content"); // same size, other bytes
        start("job-3", payload, MediaLocation.directory(dir.toString()));
        GuestStatus s = awaitFinal("job-3");
        assertEquals(GuestState.FAILED, s.state());
        assertTrue(s.message().contains("hash mismatch: data/blob.bin"), s.message());
        assertNull(s.exitCode(), "no step ran");
        assertFalse(Files.exists(out.resolve("ran")));
    }

    @Test
    void theMediaMustCarryTheJobsPayload() throws Exception {
        TestPayload payload = new TestPayload().file("run.sh", "true\n").run("run.sh");
        Path dir = deliverByCopy("job-4", payload);
        TestPayload other = new TestPayload().file("run.sh", "true\n").run("run.sh");
        other.version = "2.0";
        start("job-4", other, MediaLocation.directory(dir.toString()));
        GuestStatus s = awaitFinal("job-4");
        assertEquals(GuestState.FAILED, s.state());
        assertTrue(s.message().contains("office-patch/1.0, not office-patch/2.0"), s.message());
    }

    @Test
    void scriptPastTheTimeoutIsKilledWithItsChildren() throws Exception {
        Path pid = out.resolve("pid");
        TestPayload payload = new TestPayload().file("hang.sh", "sleep 300 &\necho $! > '" + pid + "'\nwait\n").run("hang.sh");
        payload.timeout = Duration.ofSeconds(2);
        start("job-5", payload, MediaLocation.directory(deliverByCopy("job-5", payload).toString()));
        GuestStatus s = awaitFinal("job-5");
        assertEquals(GuestState.FAILED, s.state());
        assertEquals("timed out after 2s", s.message());
        assertEquals(137, s.exitCode(), "killed by SIGKILL");
        long child = Long.parseLong(Files.readString(pid).strip());
        await("the script's child is gone", () -> ProcessHandle.of(child).map(h -> !h.isAlive()).orElse(true));
    }

    @Test
    void cancelKillsTheRunningStep() throws Exception {
        Path pid = out.resolve("pid");
        TestPayload payload = new TestPayload().file("hang.sh", "sleep 300 &\necho $! > '" + pid + "'\necho started\nwait\n")
                .run("hang.sh");
        start("job-6", payload, MediaLocation.directory(deliverByCopy("job-6", payload).toString()));
        await("the script started", () -> status0("job-6").log().contains("started"));
        ask(DeliveryWire.CANCEL, new WireMessage().put(DeliveryWire.JOB, "job-6"));
        GuestStatus s = awaitFinal("job-6");
        assertEquals(GuestState.CANCELLED, s.state(), s.message());
        long child = Long.parseLong(Files.readString(pid).strip());
        await("the script's child is gone", () -> ProcessHandle.of(child).map(h -> !h.isAlive()).orElse(true));
    }

    @Test
    void startIsIdempotentPerJob() throws Exception {
        Path count = out.resolve("count");
        TestPayload payload = new TestPayload().file("once.sh", "echo run >> '" + count + "'\n").run("once.sh");
        Path dir = deliverByCopy("job-7", payload);
        start("job-7", payload, MediaLocation.directory(dir.toString()));
        awaitFinal("job-7");
        start("job-7", payload, MediaLocation.directory(dir.toString())); // resent after a reconnect
        assertEquals(GuestState.SUCCEEDED, awaitFinal("job-7").state());
        assertEquals(List.of("run"), Files.readAllLines(count));
    }

    @Test
    void rebootRequiredIsReportedNotDone() throws Exception {
        TestPayload payload = new TestPayload().file("run.sh", "true\n").run("run.sh");
        payload.reboot = true;
        start("job-8", payload, MediaLocation.directory(deliverByCopy("job-8", payload).toString()));
        GuestStatus s = awaitFinal("job-8");
        assertEquals(GuestState.SUCCEEDED, s.state());
        assertTrue(s.message().contains("reboot required"), s.message());
    }

    @Test
    void releaseCancelsDeletesTheCopyAndForgetsTheJob() throws Exception {
        TestPayload payload = new TestPayload().file("hang.sh", "echo started\nsleep 300\n").run("hang.sh");
        Path dir = deliverByCopy("job-9", payload);
        start("job-9", payload, MediaLocation.directory(dir.toString()));
        await("the script started", () -> status0("job-9").log().contains("started"));
        assertTrue(Boolean.parseBoolean(WireMessage.parse(ask(DeliveryWire.STATUS, new WireMessage().put(DeliveryWire.JOB, "job-9")))
                .str(DeliveryRequests.COPY_PRESENT)));

        ask(DeliveryWire.RELEASE, new WireMessage().put(DeliveryWire.JOB, "job-9"));
        assertFalse(Files.exists(dir));
        assertEquals(GuestState.UNKNOWN, status("job-9").state());
        ask(DeliveryWire.RELEASE, new WireMessage().put(DeliveryWire.JOB, "job-9")); // again: nothing left, still fine
        assertFalse(Boolean.parseBoolean(WireMessage.parse(ask(DeliveryWire.STATUS, new WireMessage().put(DeliveryWire.JOB, "job-9")))
                .str(DeliveryRequests.COPY_PRESENT)));
    }

    @Test
    void copyStreamRefusesPathsOutsideTheJobsFolder() throws Exception {
        byte[] evil = "evil".getBytes(StandardCharsets.UTF_8);
        String sha = TestPayload.sha256(evil);
        for (String path : List.of("../evil", "/etc/evil", "a/../../evil", "a//b", "./x")) {
            String answer = receive("job-10", path, evil, sha);
            assertTrue(answer.startsWith("error "), path + ": " + answer);
        }
        // a link planted in the job's folder does not lead out either
        Files.createDirectories(copyRoot.resolve("job-10"));
        Files.createSymbolicLink(copyRoot.resolve("job-10/link"), out);
        assertTrue(receive("job-10", "link/evil", evil, sha).startsWith("error "));
        assertTrue(receive("../job", "x", evil, sha).startsWith("error bad job id"));
        try (var files = Files.walk(tmp)) {
            assertEquals(List.of(), files.filter(p -> p.getFileName().toString().contains("evil")).toList());
        }
    }

    @Test
    void copyStreamWithWrongChecksumOrShortContentLeavesNothing() throws Exception {
        byte[] content = "content".getBytes(StandardCharsets.UTF_8);
        assertEquals("error checksum mismatch: a/file", receive("job-11", "a/file", content, TestPayload.sha256("other".getBytes())));
        byte[] stream = TestPayload.copyStream("job-11", "a/file", content, TestPayload.sha256(content));
        byte[] cut = java.util.Arrays.copyOf(stream, stream.length - 3);
        String answer = agent.copies().receive(new ByteArrayInputStream(cut));
        assertTrue(answer.startsWith("error stream ended after"), answer);
        try (var files = Files.walk(copyRoot.resolve("job-11"))) {
            assertEquals(List.of(), files.filter(Files::isRegularFile).toList());
        }
        assertTrue(agent.copies().receive(new ByteArrayInputStream(new byte[] {0, 0, 0, 0})).startsWith("error copy header of 0 bytes"));
        assertTrue(agent.copies().receive(new ByteArrayInputStream(new byte[] {0x7f, 0, 0, 0})).startsWith("error copy header of"));
    }

    @Test
    void malformedRequestsAreRefusedClearly() throws Exception {
        AgentRefusal garbage = assertThrows(AgentRefusal.class,
                () -> requests.answer(DeliveryWire.START, "\\u12".getBytes(StandardCharsets.UTF_8)));
        assertTrue(garbage.getMessage().startsWith("invalid: malformed message"), garbage.getMessage());
        AgentRefusal noJob = assertThrows(AgentRefusal.class, () -> ask(DeliveryWire.STATUS, new WireMessage()));
        assertEquals("invalid: message lacks 'job'", noJob.getMessage());
        AgentRefusal badId = assertThrows(AgentRefusal.class, () -> ask(DeliveryWire.CANCEL, new WireMessage().put("job", "../etc")));
        assertEquals("invalid: bad job id", badId.getMessage());
        AgentRefusal badManifest = assertThrows(AgentRefusal.class,
                () -> ask(DeliveryWire.PREPARE, new WireMessage().put("job", "j").put("manifest", "id = x\nversion\n")));
        assertTrue(badManifest.getMessage().startsWith("invalid: manifest: line 2"), badManifest.getMessage());
        GuestJob job = new GuestJob("j", new TestPayload().manifest(), "L");
        AgentRefusal badKind = assertThrows(AgentRefusal.class,
                () -> ask(DeliveryWire.START, DeliveryWire.job(job).put("location.kind", "FLOPPY").put("location", "/x")));
        assertEquals("invalid: unknown location kind", badKind.getMessage());
        AgentRefusal relative = assertThrows(AgentRefusal.class,
                () -> ask(DeliveryWire.START, DeliveryWire.start(job, MediaLocation.directory("relative/dir"))));
        assertTrue(relative.getMessage().startsWith("invalid: guest directory must be absolute"));
        AgentRefusal badFrom = assertThrows(AgentRefusal.class,
                () -> ask(DeliveryWire.STATUS, new WireMessage().put("job", "j").put(DeliveryWire.LOG_FROM, "-4")));
        assertTrue(badFrom.getMessage().contains("logFrom"), badFrom.getMessage());
        assertThrows(AgentRefusal.class, () -> requests.answer("delivery.other", new WireMessage().put("job", "j").toBytes()));
        assertEquals(GuestState.UNKNOWN, status("never-heard-of").state());
    }

    @Test
    void missingPayloadFolderFailsTheJob() throws Exception {
        TestPayload payload = new TestPayload().file("run.sh", "true\n").run("run.sh");
        start("job-12", payload, MediaLocation.directory(tmp.resolve("nowhere").toString()));
        GuestStatus s = awaitFinal("job-12");
        assertEquals(GuestState.FAILED, s.state());
        assertTrue(s.message().contains("does not exist"), s.message());
    }

    @Test
    void aDiscThatNeverAppearsFailsAfterTheLocateTimeout() throws Exception {
        Path notAnIso = Files.write(tmp.resolve("blank.img"), new byte[64 * 1024]);
        agent.close();
        agent = new DeliveryAgent(new AgentSettings(copyRoot, tmp.resolve("mnt"), Path.of("/sys/block"), List.of(notAnIso),
                Duration.ofSeconds(1), List.of(), 8, 100, 1 << 20));
        requests = new DeliveryRequests(agent);
        start("job-13", new TestPayload(), MediaLocation.label("DP_NOWHERE"));
        GuestStatus s = awaitFinal("job-13");
        assertEquals(GuestState.FAILED, s.state());
        assertTrue(s.message().startsWith("no disc labelled DP_NOWHERE appeared"), s.message());
    }

    @Test
    void linksOnTheMediaAreNotFollowed() throws Exception {
        Path secret = Files.writeString(tmp.resolve("secret"), "not for the payload");
        Path media = Files.createDirectories(tmp.resolve("media"));
        Files.createSymbolicLink(media.resolve("conf.lnk"), secret);
        // a manifest without a file list (nothing to hash) whose copy step names the link
        TestPayload payload = new TestPayload().copy("conf.lnk", out + "/stolen");
        Files.write(media.resolve(PayloadManifest.FILE_NAME), payload.manifest().toBytes());
        start("job-15", payload, MediaLocation.directory(media.toString()));
        GuestStatus s = awaitFinal("job-15");
        assertEquals(GuestState.FAILED, s.state());
        assertTrue(s.message().contains("not a plain file"), s.message());
        assertFalse(Files.exists(out.resolve("stolen")));

        TestPayload listed = new TestPayload().file("conf.lnk", "not for the payload").copy("conf.lnk", out + "/stolen");
        Files.write(media.resolve(PayloadManifest.FILE_NAME), listed.manifest().toBytes());
        start("job-16", listed, MediaLocation.directory(media.toString()));
        GuestStatus t = awaitFinal("job-16");
        assertEquals(GuestState.FAILED, t.state());
        assertTrue(t.message().startsWith("payload file missing or not a plain file: conf.lnk"), t.message());
        assertFalse(Files.exists(out.resolve("stolen")));
    }

    @Test
    void logIsBoundedAndNumbered() {
        JobLog log = new JobLog(3);
        for (int i = 0; i < 5; i++) {
            log.add("line " + i);
        }
        log.add("x".repeat(DeliveryWire.MAX_LOG_LINE + 10));
        JobLog.Slice all = log.from(0, 100);
        assertEquals(List.of("line 3", "line 4", "x".repeat(DeliveryWire.MAX_LOG_LINE)), all.lines());
        assertEquals(6, all.next());
        assertEquals(List.of("line 4"), log.from(4, 1).lines());
        assertEquals(5, log.from(4, 1).next());
        assertEquals(List.of(), log.from(6, 10).lines());
    }

    @Test
    void jobsKeptAreBoundedRunningOnesStay() throws Exception {
        JobRegistry registry = new JobRegistry(2, 10);
        Job a = registry.getOrCreate(new GuestJob("a", new TestPayload().manifest(), null));
        a.start();
        Job b = registry.getOrCreate(new GuestJob("b", new TestPayload().manifest(), null));
        b.start();
        assertThrows(AgentRefusal.class, () -> registry.getOrCreate(new GuestJob("c", new TestPayload().manifest(), null)));
        b.finish(GuestState.SUCCEEDED, "done", 0);
        registry.getOrCreate(new GuestJob("c", new TestPayload().manifest(), null));
        assertTrue(registry.find("a").isPresent());
        assertTrue(registry.find("b").isEmpty(), "the finished job made room");
    }

    @Test
    void payloadWithoutScriptsSucceedsAndTheStatusWireRoundTrips() throws Exception {
        TestPayload payload = new TestPayload().file("a.txt", "a").copy("a.txt", out + "/x/y/a.txt");
        start("job-14", payload, MediaLocation.directory(deliverByCopy("job-14", payload).toString()));
        GuestStatus s = awaitFinal("job-14");
        assertEquals(GuestState.SUCCEEDED, s.state(), s.message());
        assertEquals("a", Files.readString(out.resolve("x/y/a.txt")));
        assertWireStatusRoundTrips(s);
    }

    private static void assertWireStatusRoundTrips(GuestStatus s) throws WireException {
        GuestStatus back = DeliveryWire.status(WireMessage.parse(DeliveryWire.status(s).toBytes()));
        assertEquals(s, back);
        List<String> lines = new ArrayList<>(s.log());
        assertEquals(lines, back.log());
    }
}
