package org.deskplane.vmdiff.rest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import org.deskplane.rest.api.ApiException;
import org.deskplane.rest.api.ApiResult;
import org.deskplane.rest.api.Route;
import org.deskplane.rest.testing.FakeApiRequest;
import org.deskplane.security.api.AuditEvent;
import org.deskplane.security.api.AuditLog;
import org.deskplane.security.api.AuditQuery;
import org.deskplane.security.api.Role;
import org.deskplane.vmdiff.api.DifferenceException;
import org.deskplane.vmdiff.api.DifferenceException.Kind;
import org.deskplane.vmdiff.api.Generation;
import org.deskplane.vmdiff.store.DeltaPull;
import org.deskplane.vmdiff.store.DifferenceCopy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The /api/vmdiff handlers over a real server copy (generations captured on a real base) and two fake hosts with real
 * copies of their own: alice runs on host-a, which holds her lease and the same generation as the server; carol's
 * copy on host-b went another way than the server's; bob runs on host-b and has no generation anywhere yet.
 */
class VmdiffResourceTest {

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule());
    private static final Duration DEADLINE = Duration.ofSeconds(20);

    @TempDir
    Path dir;
    private DifferenceCopy serverCopy;
    private FakeServer server;
    private FakeHost hostA;
    private FakeHost hostB;
    private String sha;
    private Generation alice1;
    private VmdiffResource resource;
    private final List<AuditEvent> audit = new java.util.concurrent.CopyOnWriteArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        Path base = Seeds.base(dir);
        serverCopy = new DifferenceCopy(dir.resolve("server"), "server");
        sha = serverCopy.installBase(base, "raw", null);
        server = new FakeServer(serverCopy);
        hostA = new FakeHost("host-a", new DifferenceCopy(dir.resolve("host-a"), "host-a"));
        hostB = new FakeHost("host-b", new DifferenceCopy(dir.resolve("host-b"), "host-b"));
        hostA.copy.installBase(base, "raw", sha);
        hostB.copy.installBase(base, "raw", sha);

        alice1 = Seeds.capture(serverCopy, dir.resolve("work"), sha, "alice", 0x11, true);
        DeltaPull.pull(serverCopy, hostA.copy, "alice", DeltaPull.Progress.NONE);
        server.acquire("alice", "host-a");
        hostA.running.add("alice");
        Seeds.capture(serverCopy, dir.resolve("work"), sha, "carol", 0x22, false);
        Seeds.capture(hostB.copy, dir.resolve("work"), sha, "carol", 0x33, false);
        hostB.running.add("bob");

        resource = new VmdiffResource();
        Field log = VmdiffResource.class.getDeclaredField("auditLog");
        log.setAccessible(true);
        log.set(resource, new AuditLog() {
            @Override
            public void record(AuditEvent event) {
                audit.add(event);
            }

            @Override
            public List<AuditEvent> query(AuditQuery query) {
                return List.copyOf(audit);
            }
        });
        resource.bindServer(server, Map.of(VmdiffResource.SERVER_PROPERTY, "local"));
        resource.bindHost(hostB);
        resource.bindHost(hostA);
        resource.start(2, 300, Duration.ofSeconds(7));
    }

    @AfterEach
    void tearDown() throws Exception {
        if (hostA.gate != null) {
            hostA.gate.countDown();
        }
        resource.deactivate();
        serverCopy.close();
        hostA.copy.close();
        hostB.copy.close();
    }

    // ---- calling the routes ----

    private Route route(String method, String path) {
        return resource.routes().stream().filter(r -> r.method().equals(method) && r.path().equals(path)).findFirst()
                .orElseThrow(() -> new AssertionError("no route " + method + " " + path));
    }

    private ApiResult call(String method, String path, FakeApiRequest request) throws Exception {
        return route(method, path).handler().handle(request);
    }

    private JsonNode get(String path, FakeApiRequest request) throws Exception {
        ApiResult result = call("GET", path, request);
        assertEquals(200, result.status());
        return JSON.valueToTree(result.json());
    }

    private ApiException problem(String method, String path, FakeApiRequest request) {
        return assertThrows(ApiException.class, () -> call(method, path, request));
    }

    private static FakeApiRequest operator(String method, String path) {
        return new FakeApiRequest(method, path).as("olga", Role.OPERATOR).from("10.0.0.7");
    }

    private static FakeApiRequest onVm(String method, String verb, String vm) {
        return operator(method, "/vmdiff/vms/" + vm + "/" + verb).pathParam("vm", vm);
    }

    /** POSTs an action; answers the accepted operation. */
    private JsonNode act(String verb, String vm, Map<String, String> body) throws Exception {
        FakeApiRequest request = onVm("POST", verb, vm);
        if (body != null) {
            request.json(body);
        }
        ApiResult result = call("POST", "/vmdiff/vms/{vm}/" + verb, request);
        assertEquals(202, result.status());
        JsonNode operation = JSON.valueToTree(result.json());
        assertEquals("/api/vmdiff/operations/" + operation.path("id").asText(), result.headers().get("Location"));
        return operation;
    }

    private JsonNode operation(String id) throws Exception {
        return get("/vmdiff/operations/{id}", operator("GET", "/vmdiff/operations/" + id).pathParam("id", id));
    }

    /** Polls the operation until it ended (no sleep-and-hope: a deadline, and the state it reached). */
    private JsonNode ended(String id) throws Exception {
        Instant deadline = Instant.now().plus(DEADLINE);
        JsonNode op = operation(id);
        while (op.path("state").asText().equals("RUNNING")) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("operation " + id + " still runs: " + op);
            }
            Thread.sleep(20);
            op = operation(id);
        }
        return op;
    }

    /** Waits until the audit log holds an event of the action (the end of an operation is recorded after it). */
    private AuditEvent audited(String action, AuditEvent.Result result) throws InterruptedException {
        Instant deadline = Instant.now().plus(DEADLINE);
        while (Instant.now().isBefore(deadline)) {
            for (AuditEvent e : audit) {
                if (e.action().equals(action) && e.result() == result) {
                    return e;
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no audit event " + action + " " + result + " in " + audit);
    }

    private static JsonNode find(JsonNode array, String field, String value) {
        for (JsonNode n : array) {
            if (n.path(field).asText().equals(value)) {
                return n;
            }
        }
        throw new AssertionError("no " + field + "=" + value + " in " + array);
    }

    // ---- reads ----

    @Test
    void theBasesOfTheServerCopyAreListed() throws Exception {
        JsonNode bases = get("/vmdiff/bases", operator("GET", "/vmdiff/bases"));
        assertEquals(1, bases.size(), bases.toString());
        assertEquals(sha, bases.get(0).path("sha256").asText());
        assertEquals("raw", bases.get(0).path("format").asText());
        assertEquals(Seeds.BASE_SIZE, bases.get(0).path("size").asLong());
    }

    @Test
    void everyVmShowsTheServerGenerationTheLeaseAndEachCopyWithItsRelation() throws Exception {
        JsonNode vms = get("/vmdiff/vms", operator("GET", "/vmdiff/vms"));
        assertEquals(List.of("alice", "bob", "carol"), names(vms));

        JsonNode alice = find(vms, "vm", "alice");
        assertEquals(1, alice.path("server").path("number").asLong());
        assertEquals(alice1.contentHash(), alice.path("server").path("contentHash").asText());
        assertTrue(alice.path("server").path("suspended").asBoolean(), alice.toString());
        assertEquals("host-a", alice.path("lease").path("holder").asText());
        assertTrue(alice.path("lease").path("token").asLong() > 0);
        assertFalse(alice.path("diverged").asBoolean());
        assertEquals(1, alice.path("copies").size(), "host-b holds no copy of alice and does not run her: " + alice);
        JsonNode onA = alice.path("copies").get(0);
        assertEquals("host-a", onA.path("host").asText());
        assertEquals(1, onA.path("generation").asLong());
        assertEquals(alice1.contentHash(), onA.path("contentHash").asText());
        assertEquals("SAME", onA.path("relation").asText());
        assertTrue(onA.path("running").asBoolean());
        assertTrue(onA.path("activity").isNull(), "nothing under way: " + onA);
        assertEquals("host-a", alice.path("runningOn").get(0).asText());

        JsonNode carol = find(vms, "vm", "carol");
        assertTrue(carol.path("diverged").asBoolean(), "carol's copies went different ways: " + carol);
        JsonNode onB = carol.path("copies").get(0);
        assertEquals("host-b", onB.path("host").asText());
        assertEquals("DIVERGED", onB.path("relation").asText());
        assertTrue(onB.path("diverged").asBoolean());
        assertFalse(onB.path("running").asBoolean());
        assertTrue(carol.path("lease").isNull());

        JsonNode bob = find(vms, "vm", "bob");
        assertTrue(bob.path("server").isNull(), "no generation of bob on the server yet: " + bob);
        assertTrue(bob.path("copies").get(0).path("generation").isNull());
        assertEquals("SAME", bob.path("copies").get(0).path("relation").asText(),
                "neither copy holds a generation of bob (DeltaPull.relation): " + bob);
        assertTrue(bob.path("copies").get(0).path("running").asBoolean());

        JsonNode one = get("/vmdiff/vms/{vm}", onVm("GET", "", "carol"));
        assertEquals("carol", one.path("vm").asText());
        assertEquals(404, problem("GET", "/vmdiff/vms/{vm}", onVm("GET", "", "nobody")).status());
    }

    private static List<String> names(JsonNode vms) {
        List<String> names = new ArrayList<>();
        vms.forEach(v -> names.add(v.path("vm").asText()));
        return names;
    }

    @Test
    void aVmsGenerationsOnTheServerAreListedOldestFirst() throws Exception {
        Generation second = Seeds.capture(serverCopy, dir.resolve("work"), sha, "alice", 0x44, false);
        JsonNode gens = get("/vmdiff/vms/{vm}/generations", onVm("GET", "generations", "alice"));
        assertEquals(2, gens.size(), gens.toString());
        JsonNode first = gens.get(0);
        assertEquals(1, first.path("number").asLong());
        assertTrue(first.path("parent").isNull());
        assertEquals("server", first.path("by").asText());
        assertEquals(300_000, first.path("memorySize").asLong());
        assertEquals(1, first.path("clusters").asLong());
        assertEquals(alice1.contentHash(), first.path("contentHash").asText());
        assertFalse(first.path("published").asText().isEmpty());
        JsonNode next = gens.get(1);
        assertEquals(2, next.path("number").asLong());
        assertEquals(1, next.path("parent").asLong());
        assertEquals(alice1.contentHash(), next.path("parentHash").asText());
        assertEquals(0, next.path("memorySize").asLong(), "shut down: no memory state");
        assertEquals(second.contentHash(), next.path("contentHash").asText());

        assertEquals(404, problem("GET", "/vmdiff/vms/{vm}/generations", onVm("GET", "generations", "bob")).status(),
                "bob has no generation on the server");
        assertEquals(400, problem("GET", "/vmdiff/vms/{vm}/generations", onVm("GET", "generations", "../etc")).status());
    }

    @Test
    void theHostsAreListedWithTheirRunningVms() throws Exception {
        JsonNode hosts = get("/vmdiff/hosts", operator("GET", "/vmdiff/hosts"));
        assertEquals(2, hosts.size());
        assertEquals("host-a", hosts.get(0).path("host").asText());
        assertEquals("alice", hosts.get(0).path("running").get(0).asText());
        assertEquals("host-b", hosts.get(1).path("host").asText());
        assertEquals("bob", hosts.get(1).path("running").get(0).asText());
    }

    @Test
    void withoutAServerTheBasesAnswer503AndTheHostsStillShow() throws Exception {
        resource.unbindServer(server);
        assertEquals(503, problem("GET", "/vmdiff/bases", operator("GET", "/vmdiff/bases")).status());
        JsonNode vms = get("/vmdiff/vms", operator("GET", "/vmdiff/vms"));
        assertEquals(List.of("alice", "bob", "carol"), names(vms), "the hosts' copies and running VMs");
        assertTrue(find(vms, "vm", "alice").path("copies").get(0).path("relation").isNull());
    }

    @Test
    void theLocalServerIsPreferredOverAnotherOne() throws Exception {
        DifferenceCopy remoteCopy = new DifferenceCopy(dir.resolve("remote"), "remote");
        try {
            resource.bindServer(new FakeServer(remoteCopy), Map.of(VmdiffResource.SERVER_PROPERTY, "remote"));
            assertEquals(1, get("/vmdiff/bases", operator("GET", "/vmdiff/bases")).size(),
                    "the local server's base, not the empty remote copy");
        } finally {
            remoteCopy.close();
        }
    }

    // ---- actions ----

    @Test
    void aSuspendRunsAsAnOperationWithProgressAndASecondOneForTheVmIs409() throws Exception {
        hostA.gate = new CountDownLatch(1);
        JsonNode accepted = act("suspend", "alice", null);
        assertEquals("alice", accepted.path("vm").asText());
        assertEquals("suspend", accepted.path("action").asText());
        assertEquals("host-a", accepted.path("host").asText(), "the host alice runs on");
        assertEquals("olga", accepted.path("actor").asText());
        String id = accepted.path("id").asText();

        JsonNode running = awaitPhase(id, "pushing to the server");
        assertEquals("RUNNING", running.path("state").asText());
        assertEquals(0.25, running.path("fraction").asDouble(), 1e-9, "the host's activity: 1 of 4");
        JsonNode vm = find(get("/vmdiff/vms", operator("GET", "/vmdiff/vms")), "vm", "alice");
        assertEquals("pushing to the server", vm.path("copies").get(0).path("activity").path("phase").asText());

        ApiException busy = problem("POST", "/vmdiff/vms/{vm}/suspend", onVm("POST", "suspend", "alice"));
        assertEquals(409, busy.status());
        assertTrue(busy.detail().contains("operation " + id), busy.detail());
        assertTrue(busy.detail().contains("alice"), busy.detail());

        hostA.gate.countDown();
        JsonNode done = ended(id);
        assertEquals("SUCCEEDED", done.path("state").asText(), done.toString());
        assertEquals("suspended as generation 1", done.path("message").asText());
        assertEquals(1.0, done.path("fraction").asDouble());
        assertFalse(done.path("ended").isNull());
        assertEquals(List.of("suspend alice"), hostA.calls);

        AuditEvent accept = audited("vmdiff.vm.suspend", AuditEvent.Result.SUCCESS);
        assertEquals("olga", accept.actor());
        assertEquals("/api/vmdiff/operations/" + id, accept.target());
        assertEquals("10.0.0.7", accept.source());
        AuditEvent refused = audited("vmdiff.vm.suspend", AuditEvent.Result.FAILURE);
        assertTrue(refused.detail().startsWith("409"), refused.detail());
        AuditEvent finished = audited("vmdiff.vm.suspend.done", AuditEvent.Result.SUCCESS);
        assertEquals("alice@host-a", finished.target());
        assertEquals("olga", finished.actor());
        assertTrue(finished.detail().contains("suspended as generation 1"), finished.detail());

        // the VM is free again: the next action is accepted
        hostA.running.add("alice");
        assertEquals("SUCCEEDED", ended(act("suspend", "alice", null).path("id").asText()).path("state").asText());
    }

    private JsonNode awaitPhase(String id, String phase) throws Exception {
        Instant deadline = Instant.now().plus(DEADLINE);
        JsonNode op = operation(id);
        while (!op.path("phase").asText().equals(phase)) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("operation " + id + " never reached phase '" + phase + "': " + op);
            }
            Thread.sleep(20);
            op = operation(id);
        }
        return op;
    }

    @Test
    void aShutdownActsOnTheRunningHostWithTheConfiguredTimeout() throws Exception {
        JsonNode done = ended(act("shutdown", "alice", null).path("id").asText());
        assertEquals("SUCCEEDED", done.path("state").asText(), done.toString());
        assertEquals("shut down as generation 1", done.path("message").asText());
        assertEquals(Duration.ofSeconds(7), hostA.lastTimeout);
        audited("vmdiff.vm.shutdown.done", AuditEvent.Result.SUCCESS);
    }

    @Test
    void suspendingAVmThatRunsNowhereIsRefusedAndAudited() {
        ApiException e = problem("POST", "/vmdiff/vms/{vm}/suspend", onVm("POST", "suspend", "carol"));
        assertEquals(409, e.status());
        assertEquals("INVALID", e.title());
        assertTrue(e.detail().contains("runs on no connected host"), e.detail());
        AuditEvent event = audit.get(audit.size() - 1);
        assertEquals("vmdiff.vm.suspend", event.action());
        assertEquals(AuditEvent.Result.FAILURE, event.result());
        assertEquals(400, problem("POST", "/vmdiff/vms/{vm}/shutdown", onVm("POST", "shutdown", "-x")).status());
    }

    @Test
    void releaseActsOnTheLeaseHolderAndAHolderThatIsAwayIs503() throws Exception {
        JsonNode done = ended(act("release", "alice", null).path("id").asText());
        assertEquals("host-a", done.path("host").asText());
        assertEquals("SUCCEEDED", done.path("state").asText(), done.toString());
        assertEquals(List.of("release alice"), hostA.calls);

        server.acquire("carol", "host-z");
        ApiException away = problem("POST", "/vmdiff/vms/{vm}/release", onVm("POST", "release", "carol"));
        assertEquals(503, away.status());
        assertTrue(away.detail().contains("host-z"), away.detail());

        // no lease: the host running it lets it go
        assertEquals("host-b", act("release", "bob", null).path("host").asText());
        server.release(server.current("carol").orElseThrow());
        assertEquals(409, problem("POST", "/vmdiff/vms/{vm}/release", onVm("POST", "release", "carol")).status(),
                "nobody holds carol and she runs nowhere");
    }

    @Test
    void resumeAndMoveGoToTheNamedHost() throws Exception {
        JsonNode resumed = ended(act("resume", "carol", Map.of("host", "host-a")).path("id").asText());
        assertEquals("SUCCEEDED", resumed.path("state").asText(), resumed.toString());
        assertEquals("runs on host-a", resumed.path("message").asText());
        JsonNode moved = ended(act("move", "alice", Map.of("host", "host-b")).path("id").asText());
        assertEquals("moved to host-b and runs there", moved.path("message").asText());
        assertEquals(List.of("move alice"), hostB.calls);
        assertEquals(List.of("resume carol"), hostA.calls);

        ApiException unknown = problem("POST", "/vmdiff/vms/{vm}/move", onVm("POST", "move", "alice")
                .json(Map.of("host", "host-q")));
        assertEquals(404, unknown.status());
        assertTrue(unknown.detail().contains("host-a, host-b"), unknown.detail());
        assertEquals(400, problem("POST", "/vmdiff/vms/{vm}/resume", onVm("POST", "resume", "alice").json("{}")).status());
        assertEquals(400, problem("POST", "/vmdiff/vms/{vm}/resume", onVm("POST", "resume", "alice")).status(),
                "no body");
    }

    @Test
    void aFailureOfTheHostEndsTheOperationWithItsKindAndStatus() throws Exception {
        hostB.failure = new DifferenceException(Kind.LEASE_HELD, "alice is held by host-a");
        JsonNode failed = ended(act("resume", "alice", Map.of("host", "host-b")).path("id").asText());
        assertEquals("FAILED", failed.path("state").asText());
        assertEquals("LEASE_HELD", failed.path("kind").asText());
        assertEquals("LEASE_HELD (409): alice is held by host-a", failed.path("message").asText());
        AuditEvent end = audited("vmdiff.vm.resume.done", AuditEvent.Result.FAILURE);
        assertTrue(end.detail().contains("LEASE_HELD (409)"), end.detail());

        hostB.failure = new DifferenceException(Kind.CORRUPT, "cluster 3 does not match its SHA-256");
        JsonNode corrupt = ended(act("move", "alice", Map.of("host", "host-b")).path("id").asText());
        assertEquals("CORRUPT (422): cluster 3 does not match its SHA-256", corrupt.path("message").asText());
    }

    @Test
    void everyFailureKindHasItsHttpStatus() {
        Map<Kind, Integer> expected = Map.of(Kind.NOT_FOUND, 404, Kind.LEASE_HELD, 409, Kind.DIVERGED, 409,
                Kind.INVALID, 409, Kind.UNREACHABLE, 503, Kind.CORRUPT, 422, Kind.BASE_MISMATCH, 422);
        assertEquals(Kind.values().length, expected.size(), "every kind is mapped");
        expected.forEach((kind, status) -> {
            ApiException e = DifferenceProblems.of(new DifferenceException(kind, "why"));
            assertEquals(status, e.status(), kind.name());
            assertEquals(kind.name(), e.title());
            assertEquals("why", e.detail());
        });
    }

    @Test
    void aReadThatMeetsADifferenceFailureAnswersItsStatus() throws Exception {
        Route failing = new Route("GET", "/x", Role.OPERATOR, "",
                Guarded.read(r -> {
                    throw new DifferenceException(Kind.UNREACHABLE, "the server is away");
                }));
        ApiException e = assertThrows(ApiException.class, () -> failing.handler().handle(operator("GET", "/x")));
        assertEquals(503, e.status());
        assertEquals("UNREACHABLE", e.title());
    }

    @Test
    void theOperationsAreListedNewestFirstAndFilteredByVm() throws Exception {
        String first = ended(act("suspend", "alice", null).path("id").asText()).path("id").asText();
        String second = ended(act("resume", "carol", Map.of("host", "host-b")).path("id").asText()).path("id").asText();
        JsonNode all = get("/vmdiff/operations", operator("GET", "/vmdiff/operations"));
        assertEquals(List.of(second, first), List.of(all.get(0).path("id").asText(), all.get(1).path("id").asText()));
        JsonNode carols = get("/vmdiff/operations", operator("GET", "/vmdiff/operations").query("vm", "carol"));
        assertEquals(1, carols.size());
        assertEquals("resume", carols.get(0).path("action").asText());
        assertEquals(404, problem("GET", "/vmdiff/operations/{id}", operator("GET", "/vmdiff/operations/999")
                .pathParam("id", "999")).status());
    }

    @Test
    void onlyTheNewestOperationsAreKept() throws Exception {
        resource.deactivate();
        resource.start(1, 2, Duration.ofSeconds(7));
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            hostA.running.add("alice");
            ids.add(ended(act("suspend", "alice", null).path("id").asText()).path("id").asText());
        }
        JsonNode all = get("/vmdiff/operations", operator("GET", "/vmdiff/operations"));
        assertEquals(2, all.size(), all.toString());
        assertEquals(ids.get(2), all.get(0).path("id").asText());
        assertEquals(404, problem("GET", "/vmdiff/operations/{id}", operator("GET", "/vmdiff/operations/" + ids.get(0))
                .pathParam("id", ids.get(0))).status());
    }

    @Test
    void everyRouteNeedsAtLeastTheOperatorRole() {
        assertEquals(12, resource.routes().size());
        resource.routes().forEach(r -> assertEquals(Role.OPERATOR, r.minimumRole(), r.method() + " " + r.path()));
        assertTrue(Files.isDirectory(dir.resolve("server")));
    }
}
