package org.deskplane.layers.rest.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.deskplane.layers.api.ActivityReport;
import org.deskplane.layers.api.CvdVersion;
import org.deskplane.layers.api.EndpointInfo;
import org.deskplane.layers.api.EndpointStatus;
import org.deskplane.layers.api.EntryType;
import org.deskplane.layers.api.FileEntry;
import org.deskplane.layers.api.Layer;
import org.deskplane.layers.api.LayerManifest;
import org.deskplane.layers.api.MasterState.Phase;
import org.deskplane.layers.api.PublishRequest;
import org.deskplane.rest.api.ApiException;
import org.deskplane.rest.api.ApiResult;
import org.deskplane.rest.api.Route;
import org.deskplane.rest.testing.FakeApiRequest;
import org.deskplane.security.api.AuditEvent;
import org.deskplane.security.api.AuditLog;
import org.deskplane.security.api.AuditQuery;
import org.deskplane.security.api.Role;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/** The /api/layers handlers over in-memory fakes of the CVD store and the sync service. */
class LayersResourceTest {

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule());
    private static final String CVDS = "/layers/cvds";
    private static final String CVD = "/layers/cvds/{cvd}";

    private InMemoryCvdStore store;
    private InMemorySyncService sync;
    private final List<AuditEvent> audit = new ArrayList<>();
    private LayersResource resource;

    @BeforeEach
    void setUp() throws Exception {
        store = new InMemoryCvdStore();
        sync = new InMemorySyncService();
        resource = new LayersResource();
        inject("store", store);
        inject("sync", sync);
        inject("auditLog", new AuditLog() {
            @Override
            public void record(AuditEvent event) {
                audit.add(event);
            }

            @Override
            public List<AuditEvent> query(AuditQuery query) {
                return List.copyOf(audit);
            }
        });
        store.create("alice-desk", "alice");
        store.create("bob-desk", "bob");
        sync.register(new EndpointInfo("laptop", "alice-desk", "linux", "debian-13", Map.of(), 0));
        sync.register(new EndpointInfo("vm", "alice-desk", "rebase", "debian-13", Map.of(), 0));
        sync.register(new EndpointInfo("mac", "alice-desk", "macos", "15", Map.of(), 0));
        sync.register(new EndpointInfo("bobs", "bob-desk", "linux", "debian-13", Map.of(), 0));
    }

    private void inject(String field, Object value) throws Exception {
        Field f = LayersResource.class.getDeclaredField(field);
        f.setAccessible(true);
        f.set(resource, value);
    }

    private Route route(String method, String path) {
        return resource.routes().stream().filter(r -> r.method().equals(method) && r.path().equals(path)).findFirst()
                .orElseThrow(() -> new AssertionError("no route " + method + " " + path));
    }

    private ApiResult call(String method, String path, FakeApiRequest request) throws Exception {
        return route(method, path).handler().handle(request);
    }

    private ApiException problem(String method, String path, FakeApiRequest request) {
        return assertThrows(ApiException.class, () -> call(method, path, request));
    }

    private static FakeApiRequest as(String user, Role role, String method, String path) {
        return new FakeApiRequest(method, path).as(user, role);
    }

    private static FakeApiRequest alice(String method, String path) {
        return as("alice", Role.USER, method, path).pathParam("cvd", "alice-desk");
    }

    private static JsonNode json(ApiResult result) {
        return JSON.valueToTree(result.json());
    }

    private FileEntry file(String path, String content) throws Exception {
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        String id = InMemoryCvdStore.sha256(bytes);
        store.putChunk(id, new java.io.ByteArrayInputStream(bytes), bytes.length);
        return new FileEntry(path, EntryType.FILE, 0644, "alice:alice", 1_000, bytes.length, id, List.of(id), "");
    }

    private static PublishRequest upload(String endpoint, long parent, long token, Map<Layer, List<FileEntry>> layers) {
        Map<Layer, LayerManifest> manifests = new java.util.EnumMap<>(Layer.class);
        layers.forEach((layer, entries) -> manifests.put(layer, new LayerManifest(layer, entries)));
        return new PublishRequest(endpoint, parent, token, CvdVersion.Kind.UPLOAD, manifests, "");
    }

    private ApiResult publish(PublishRequest request) throws Exception {
        return call("POST", CVD + "/publish", alice("POST", "/layers/cvds/alice-desk/publish").json(JSON.writeValueAsString(request)));
    }

    private ApiException publishRefused(PublishRequest request) throws Exception {
        String body = JSON.writeValueAsString(request);
        return problem("POST", CVD + "/publish", alice("POST", "/layers/cvds/alice-desk/publish").json(body));
    }

    @Test
    void theRouteTableIsExactlyTheContractWithSummariesForOpenApi() {
        Set<String> expected = new TreeSet<>(List.of(
                "GET /layers/cvds USER", "POST /layers/cvds ADMIN", "GET /layers/cvds/{cvd} USER",
                "GET /layers/cvds/{cvd}/head USER", "GET /layers/cvds/{cvd}/versions USER",
                "GET /layers/cvds/{cvd}/versions/{n} USER", "GET /layers/cvds/{cvd}/versions/{n}/layers/{layer} USER",
                "GET /layers/cvds/{cvd}/diff USER", "POST /layers/cvds/{cvd}/publish USER",
                "POST /layers/cvds/{cvd}/versions/{n}/restore ADMIN", "POST /layers/chunks/missing USER",
                "PUT /layers/chunks/{sha256} USER", "GET /layers/chunks/{sha256} USER", "POST /layers/endpoints USER",
                "GET /layers/endpoints OPERATOR", "DELETE /layers/endpoints/{id} ADMIN",
                "POST /layers/endpoints/{id}/status USER", "GET /layers/endpoints/{id}/status USER",
                "POST /layers/cvds/{cvd}/activity USER", "GET /layers/cvds/{cvd}/master USER",
                "PUT /layers/cvds/{cvd}/master ADMIN", "POST /layers/cvds/{cvd}/master/snapshot USER",
                "POST /layers/cvds/{cvd}/master/handover USER", "POST /layers/cvds/{cvd}/master/pulled USER",
                "GET /layers/stats OPERATOR", "POST /layers/gc ADMIN", "POST /layers/verify ADMIN"));
        Set<String> actual = new TreeSet<>();
        for (Route r : resource.routes()) {
            actual.add(r.method() + " " + r.path() + " " + r.minimumRole());
            assertFalse(r.summary() == null || r.summary().isBlank(), "OpenAPI summary of " + r.path());
        }
        assertEquals(expected, actual);
        assertEquals(expected.size(), resource.routes().size(), "no route twice");
    }

    @Test
    void adminsCreateCvdsUsersSeeTheirOwnOperatorsSeeAll() throws Exception {
        ApiResult created = call("POST", CVDS, as("root", Role.ADMIN, "POST", CVDS).json("{\"id\":\"carol-desk\",\"owner\":\"carol\"}"));
        assertEquals(201, created.status());
        assertEquals("/api/layers/cvds/carol-desk", created.headers().get("Location"));
        assertEquals("carol", json(created).get("owner").asText());
        assertEquals(409, problem("POST", CVDS, as("root", Role.ADMIN, "POST", CVDS).json("{\"id\":\"carol-desk\",\"owner\":\"x\"}")).status());
        assertEquals(400, problem("POST", CVDS, as("root", Role.ADMIN, "POST", CVDS).json("{\"id\":\"../x\",\"owner\":\"x\"}")).status());
        assertEquals(400, problem("POST", CVDS, as("root", Role.ADMIN, "POST", CVDS).json("{\"id\":\"ok\"}")).status());

        JsonNode mine = json(call("GET", CVDS, as("alice", Role.USER, "GET", CVDS)));
        assertEquals(1, mine.size());
        assertEquals("alice-desk", mine.get(0).get("id").asText());
        assertEquals(3, json(call("GET", CVDS, as("ops", Role.OPERATOR, "GET", CVDS))).size());
        assertTrue(audit.stream().anyMatch(e -> e.action().equals("layers.cvd.create") && e.actor().equals("root")
                && e.result() == AuditEvent.Result.SUCCESS));
        assertTrue(audit.stream().anyMatch(e -> e.action().equals("layers.cvd.create") && e.result() == AuditEvent.Result.FAILURE));
    }

    @Test
    void aUserReachesOnlyTheirOwnCvdAndItsEndpoints() throws Exception {
        FakeApiRequest foreign = as("bob", Role.USER, "GET", "/layers/cvds/alice-desk").pathParam("cvd", "alice-desk");
        assertEquals(403, problem("GET", CVD, foreign).status());
        assertEquals(404, problem("GET", CVD, as("bob", Role.USER, "GET", "x").pathParam("cvd", "nope")).status());
        assertEquals(403, problem("GET", "/layers/endpoints/{id}/status",
                as("bob", Role.USER, "GET", "x").pathParam("id", "laptop")).status());
        String register = "{\"id\":\"sneaky\",\"cvdId\":\"alice-desk\",\"osFamily\":\"linux\",\"osRelease\":\"x\","
                + "\"hardware\":{},\"freeBytes\":0}";
        assertEquals(403, problem("POST", "/layers/endpoints", as("bob", Role.USER, "POST", "x").json(register)).status());
        assertTrue(sync.binding("sneaky").isEmpty());

        JsonNode detail = json(call("GET", CVD, alice("GET", "/layers/cvds/alice-desk")));
        assertEquals("alice-desk", detail.get("cvd").get("id").asText());
        assertEquals(3, detail.get("bindings").size());
        assertEquals("STEADY", detail.get("master").get("phase").asText());
        assertNotNull(json(call("GET", CVD, as("ops", Role.OPERATOR, "GET", "x").pathParam("cvd", "alice-desk"))));
    }

    @Test
    void chunksAreCheckedBoundedAndStreamed() throws Exception {
        byte[] bytes = "hello chunk".getBytes(StandardCharsets.UTF_8);
        String id = InMemoryCvdStore.sha256(bytes);
        String put = "/layers/chunks/{sha256}";
        ApiResult first = call("PUT", put, alice("PUT", "x").pathParam("sha256", id).body(bytes)
                .header("Content-Type", "application/octet-stream").header("Content-Length", "" + bytes.length));
        assertEquals(201, first.status());
        assertEquals(200, call("PUT", put, alice("PUT", "x").pathParam("sha256", id).body(bytes)).status(), "known chunk");

        byte[] other = "other bytes".getBytes(StandardCharsets.UTF_8);
        String otherId = InMemoryCvdStore.sha256(other);
        assertEquals(400, problem("PUT", put, alice("PUT", "x").pathParam("sha256", otherId).body(bytes)).status(),
                "bytes that do not hash to the id");
        assertEquals(400, problem("PUT", put, alice("PUT", "x").pathParam("sha256", otherId).body(new byte[3])
                .header("Content-Length", "" + other.length)).status(), "shorter than Content-Length");
        assertEquals(413, problem("PUT", put, alice("PUT", "x").pathParam("sha256", otherId)
                .header("Content-Length", "" + (16L * 1024 * 1024 + 1))).status());
        assertEquals(413, problem("PUT", put, alice("PUT", "x").pathParam("sha256", otherId)
                .body(new byte[16 * 1024 * 1024 + 1])).status(), "no Content-Length: the buffer is bounded");
        assertEquals(400, problem("PUT", put, alice("PUT", "x").pathParam("sha256", "ABC")).status());
        assertEquals(415, problem("PUT", put, alice("PUT", "x").pathParam("sha256", otherId)
                .header("Content-Type", "application/json").body(other)).status());
        assertEquals(Set.of(otherId), store.missingChunks(List.of(id, otherId)), "nothing kept from the refused puts");

        ApiResult got = call("GET", put, alice("GET", "x").pathParam("sha256", id));
        assertEquals("application/octet-stream", got.contentType());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        got.writer().writeTo(out);
        assertArrayEquals(bytes, out.toByteArray());
        assertEquals(404, problem("GET", put, alice("GET", "x").pathParam("sha256", otherId)).status());

        JsonNode missing = json(call("POST", "/layers/chunks/missing", alice("POST", "x")
                .json("{\"ids\":[\"" + id + "\",\"" + otherId + "\"]}")));
        assertEquals(List.of(otherId), JSON.convertValue(missing.get("missing"), List.class));
        StringBuilder many = new StringBuilder("{\"ids\":[");
        for (int i = 0; i <= ChunkRoutes.MAX_IDS; i++) {
            many.append(i == 0 ? "" : ",").append('"').append(id).append('"');
        }
        assertEquals(400, problem("POST", "/layers/chunks/missing", alice("POST", "x").json(many.append("]}").toString())).status());
    }

    @Test
    void publishChecksChunksParentScopeAndTheMasterLease() throws Exception {
        FileEntry doc = file("Documents/a.txt", "one");
        FileEntry lib = file("usr/lib/x.so", "binary");
        // user files from a non-master endpoint: allowed with no token
        ApiResult v1 = publish(upload("mac", 0, 0, Map.of(Layer.USER_FILES, List.of(doc))));
        assertEquals(201, v1.status());
        assertEquals(1, json(v1).get("number").asLong());
        assertEquals("/api/layers/cvds/alice-desk/versions/1", v1.headers().get("Location"));

        ApiException conflict = publishRefused(upload("mac", 0, 0, Map.of(Layer.USER_FILES, List.of(doc))));
        assertEquals(409, conflict.status());
        assertEquals(LayerProblems.VERSION_CONFLICT, conflict.title());
        assertTrue(conflict.detail().startsWith("head=1"), conflict.detail());

        FileEntry ghost = new FileEntry("Documents/ghost", EntryType.FILE, 0644, "", 1, 5, "ab".repeat(32),
                List.of("cd".repeat(32)), "");
        assertEquals(400, publishRefused(upload("mac", 1, 0, Map.of(Layer.USER_FILES, List.of(ghost)))).status());

        ApiException scope = publishRefused(upload("mac", 1, 0, Map.of(Layer.APPLICATIONS, List.of(lib))));
        assertEquals(400, scope.status());
        assertTrue(scope.detail().contains("scope"), scope.detail());

        ApiException noMaster = publishRefused(upload("laptop", 1, 0, Map.of(Layer.BASE_OS, List.of(lib))));
        assertEquals(LayerProblems.STALE_MASTER, noMaster.title());

        sync.master("alice-desk", "laptop", 4, Phase.STEADY, "");
        assertEquals(201, publish(upload("laptop", 1, 4, Map.of(Layer.BASE_OS, List.of(lib)))).status());
        // the role moved to vm with token 5, which has not uploaded yet: the store alone would still take token 4
        sync.master("alice-desk", "vm", 5, Phase.NEW_MASTER_PULLS, "");
        ApiException stale = publishRefused(upload("laptop", 2, 4, Map.of(Layer.BASE_OS, List.of(lib, doc(lib)))));
        assertEquals(409, stale.status());
        assertEquals(LayerProblems.STALE_MASTER, stale.title());
        assertEquals(2, store.find("alice-desk").orElseThrow().head(), "nothing published by the stale master");
        assertTrue(audit.stream().anyMatch(e -> e.action().equals("layers.publish") && e.result() == AuditEvent.Result.FAILURE
                && e.detail().contains("Stale master")));

        // during a switch the candidate may store its snapshot (a recovery point, not the head)
        sync.master("alice-desk", "laptop", 6, Phase.CANDIDATE_SNAPSHOTS, "vm");
        PublishRequest byOther = new PublishRequest("mac", 2, 0, CvdVersion.Kind.SNAPSHOT,
                Map.of(Layer.USER_FILES, new LayerManifest(Layer.USER_FILES, List.of(doc))), "not the candidate");
        assertEquals(201, publish(byOther).status(), "user files only: no lease needed");
        PublishRequest laptopSnapshot = new PublishRequest("laptop", 2, 0, CvdVersion.Kind.SNAPSHOT,
                Map.of(Layer.APPLICATIONS, new LayerManifest(Layer.APPLICATIONS, List.of(lib))), "not the candidate");
        assertEquals(LayerProblems.STALE_MASTER, publishRefused(laptopSnapshot).title(), "system layers: only the candidate");
        PublishRequest snapshot = new PublishRequest("vm", 2, 0, CvdVersion.Kind.SNAPSHOT,
                Map.of(Layer.APPLICATIONS, new LayerManifest(Layer.APPLICATIONS, List.of(lib))), "before master");
        assertEquals(201, publish(snapshot).status());
        assertEquals(2, store.find("alice-desk").orElseThrow().head());
        PublishRequest restoreKind = new PublishRequest("vm", 2, 0, CvdVersion.Kind.RESTORE, Map.of(), "");
        assertEquals(400, publishRefused(restoreKind).status());
    }

    private FileEntry doc(FileEntry like) throws Exception {
        return file("usr/lib/y.so", "more " + like.path());
    }

    @Test
    void theHeadLongPollAnswersAtOnceWhenAheadAndWakesOnAPublish() throws Exception {
        publish(upload("mac", 0, 0, Map.of(Layer.USER_FILES, List.of(file("a", "1")))));
        JsonNode ahead = json(call("GET", CVD + "/head", alice("GET", "x").query("after", "0").query("waitSeconds", "30")));
        assertEquals(1, ahead.get("head").asLong());
        JsonNode noWait = json(call("GET", CVD + "/head", alice("GET", "x").query("after", "1")));
        assertEquals(1, noWait.get("head").asLong(), "no waitSeconds: the current head at once");

        CompletableFuture<JsonNode> poll = CompletableFuture.supplyAsync(() -> {
            try {
                return json(call("GET", CVD + "/head", alice("GET", "x").query("after", "1").query("waitSeconds", "30")));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        publish(upload("mac", 1, 0, Map.of(Layer.USER_FILES, List.of(file("a", "2")))));
        assertEquals(2, poll.get(25, TimeUnit.SECONDS).get("head").asLong());
        assertEquals(400, problem("GET", CVD + "/head", alice("GET", "x").query("after", "x")).status());
    }

    @Test
    void theDiffListsAddedRemovedAndChangedPathsPerLayer() throws Exception {
        FileEntry a = file("Documents/a.txt", "a1");
        FileEntry b = file("Documents/b.txt", "b1");
        FileEntry conf = file(".config/app.ini", "x=1");
        publish(upload("mac", 0, 0, Map.of(Layer.USER_FILES, List.of(a, b))));
        sync.master("alice-desk", "laptop", 1, Phase.STEADY, "");
        publish(upload("laptop", 1, 1, Map.of(Layer.PROFILE, List.of(conf))));
        FileEntry a2 = file("Documents/a.txt", "a2");
        FileEntry c = file("Documents/c.txt", "c1");
        FileEntry bTouched = new FileEntry(b.path(), b.type(), b.mode(), b.owner(), 99_999, b.size(), b.contentHash(),
                b.chunks(), "");
        publish(upload("mac", 2, 0, Map.of(Layer.USER_FILES, List.of(a2, c, bTouched))));

        JsonNode diff = json(call("GET", CVD + "/diff", alice("GET", "x").query("from", "1").query("to", "3")));
        JsonNode files = diff.get("layers").get("USER_FILES");
        assertEquals("[\"Documents/c.txt\"]", files.get("added").toString());
        assertEquals("[]", files.get("removed").toString());
        assertEquals("[\"Documents/a.txt\"]", files.get("changed").toString(), "a new mtime alone is no change");
        assertEquals("[\".config/app.ini\"]", diff.get("layers").get("PROFILE").get("added").toString());

        JsonNode back = json(call("GET", CVD + "/diff", alice("GET", "x").query("from", "3").query("to", "1")));
        assertEquals("[\".config/app.ini\"]", back.get("layers").get("PROFILE").get("removed").toString());
        JsonNode fromNothing = json(call("GET", CVD + "/diff", alice("GET", "x").query("from", "0").query("to", "1")));
        assertEquals(2, fromNothing.get("layers").get("USER_FILES").get("added").size());
        JsonNode same = json(call("GET", CVD + "/diff", alice("GET", "x").query("from", "2").query("to", "2")));
        assertEquals(0, same.get("layers").get("USER_FILES").get("changed").size());
        assertEquals(404, problem("GET", CVD + "/diff", alice("GET", "x").query("from", "1").query("to", "9")).status());
        assertEquals(400, problem("GET", CVD + "/diff", alice("GET", "x").query("to", "1")).status());
    }

    @Test
    void versionsManifestsAndRestore() throws Exception {
        FileEntry a = file("Documents/a.txt", "a1");
        publish(upload("mac", 0, 0, Map.of(Layer.USER_FILES, List.of(a))));
        publish(upload("mac", 1, 0, Map.of(Layer.USER_FILES, List.of())));
        JsonNode versions = json(call("GET", CVD + "/versions", alice("GET", "x")));
        assertEquals(2, versions.size());
        assertEquals(1, versions.get(0).get("number").asLong(), "oldest first");
        assertEquals("UPLOAD", json(call("GET", CVD + "/versions/{n}", alice("GET", "x").pathParam("n", "2"))).get("kind").asText());
        assertEquals(404, problem("GET", CVD + "/versions/{n}", alice("GET", "x").pathParam("n", "7")).status());
        JsonNode manifest = json(call("GET", CVD + "/versions/{n}/layers/{layer}",
                alice("GET", "x").pathParam("n", "1").pathParam("layer", "user_files")));
        assertEquals("Documents/a.txt", manifest.get("entries").get(0).get("path").asText());
        assertEquals(400, problem("GET", CVD + "/versions/{n}/layers/{layer}",
                alice("GET", "x").pathParam("n", "1").pathParam("layer", "kernel")).status());

        ApiResult restored = call("POST", CVD + "/versions/{n}/restore", as("root", Role.ADMIN, "POST", "x")
                .pathParam("cvd", "alice-desk").pathParam("n", "1").json("{\"note\":\"undo the deletion\"}"));
        assertEquals(201, restored.status());
        assertEquals("RESTORE", json(restored).get("kind").asText());
        assertEquals("undo the deletion", json(restored).get("note").asText());
        assertEquals(3, store.find("alice-desk").orElseThrow().head());
        assertEquals(1, store.manifest("alice-desk", 3, Layer.USER_FILES).entries().size());
        ApiResult noBody = call("POST", CVD + "/versions/{n}/restore", as("root", Role.ADMIN, "POST", "x")
                .pathParam("cvd", "alice-desk").pathParam("n", "2"));
        assertTrue(json(noBody).get("note").asText().contains("root"), "a default note names who restored");
        assertEquals(404, problem("POST", CVD + "/versions/{n}/restore", as("root", Role.ADMIN, "POST", "x")
                .pathParam("cvd", "alice-desk").pathParam("n", "99")).status());
    }

    @Test
    void endpointsRegisterReportAndLeave() throws Exception {
        String info = "{\"id\":\"desk\",\"cvdId\":\"alice-desk\",\"osFamily\":\"linux\",\"osRelease\":\"debian-13\","
                + "\"hardware\":{\"dmi.sys_vendor\":\"LENOVO\"},\"freeBytes\":1000}";
        JsonNode binding = json(call("POST", "/layers/endpoints", as("alice", Role.USER, "POST", "x").json(info)));
        assertEquals("FULL", binding.get("scope").asText());
        assertEquals("alice-desk", binding.get("cvdId").asText());
        assertTrue(audit.stream().anyMatch(e -> e.action().equals("layers.endpoint.register") && e.actor().equals("alice")));

        assertEquals(5, json(call("GET", "/layers/endpoints", as("ops", Role.OPERATOR, "GET", "x"))).size());
        assertEquals(4, json(call("GET", "/layers/endpoints", as("ops", Role.OPERATOR, "GET", "x").query("cvd", "alice-desk"))).size());

        String status = "/layers/endpoints/{id}/status";
        assertEquals(404, problem("GET", status, as("alice", Role.USER, "GET", "x").pathParam("id", "desk")).status());
        EndpointStatus report = new EndpointStatus("desk", Map.of(Layer.USER_FILES, 3L), 4, 0,
                List.of("Documents/a (conflict desk).txt"), Instant.parse("2026-11-22T10:00:00Z"), "");
        assertEquals(204, call("POST", status, as("alice", Role.USER, "POST", "x").pathParam("id", "desk")
                .json(JSON.writeValueAsString(report))).status());
        assertEquals(report, sync.status("desk").orElseThrow());
        JsonNode read = json(call("GET", status, as("alice", Role.USER, "GET", "x").pathParam("id", "desk")));
        assertEquals("Documents/a (conflict desk).txt", read.get("conflicts").get(0).asText());
        assertEquals(400, problem("POST", status, as("alice", Role.USER, "POST", "x").pathParam("id", "desk")
                .json("{\"endpointId\":\"laptop\",\"applied\":{},\"conflicts\":[]}")).status());

        assertEquals(204, call("DELETE", "/layers/endpoints/{id}", as("root", Role.ADMIN, "DELETE", "x").pathParam("id", "desk")).status());
        assertTrue(sync.binding("desk").isEmpty());
        assertEquals(404, problem("DELETE", "/layers/endpoints/{id}", as("root", Role.ADMIN, "DELETE", "x").pathParam("id", "desk")).status());
    }

    @Test
    void masterStepsGoToTheSyncServiceAndStaleTokensAreFenced() throws Exception {
        sync.master("alice-desk", "laptop", 3, Phase.STEADY, "");
        JsonNode state = json(call("POST", CVD + "/activity", alice("POST", "x")
                .json(JSON.writeValueAsString(new ActivityReport("vm", 40, 0, true)))));
        assertEquals("laptop", state.get("master").asText());
        assertEquals(List.of("activity vm 40"), sync.calls);
        assertEquals(403, problem("POST", CVD + "/activity", alice("POST", "x")
                .json(JSON.writeValueAsString(new ActivityReport("bobs", 1, 0, true)))).status(), "bob's endpoint");

        JsonNode assigned = json(call("PUT", CVD + "/master", as("root", Role.ADMIN, "PUT", "x").pathParam("cvd", "alice-desk")
                .json("{\"endpointId\":\"vm\"}")));
        assertEquals("CANDIDATE_SNAPSHOTS", assigned.get("phase").asText());
        assertEquals(409, problem("POST", CVD + "/master/snapshot", alice("POST", "x")
                .json("{\"endpointId\":\"mac\",\"version\":1}")).status(), "not the candidate");
        assertEquals("OLD_MASTER_PUSHES", json(call("POST", CVD + "/master/snapshot", alice("POST", "x")
                .json("{\"endpointId\":\"vm\",\"version\":1}"))).get("phase").asText());
        ApiException stale = problem("POST", CVD + "/master/handover", alice("POST", "x").json("{\"endpointId\":\"laptop\",\"token\":2}"));
        assertEquals(LayerProblems.STALE_MASTER, stale.title());
        JsonNode pulling = json(call("POST", CVD + "/master/handover", alice("POST", "x").json("{\"endpointId\":\"laptop\",\"token\":3}")));
        assertEquals("vm", pulling.get("master").asText());
        assertEquals(4, pulling.get("token").asLong());
        JsonNode steady = json(call("POST", CVD + "/master/pulled", alice("POST", "x").json("{\"endpointId\":\"vm\",\"token\":4}")));
        assertEquals("STEADY", steady.get("phase").asText());
        assertEquals("vm", json(call("GET", CVD + "/master", alice("GET", "x"))).get("master").asText());
    }

    @Test
    void storeRoutesAndServicesAway() throws Exception {
        file("x", "some bytes");
        assertEquals(1, json(call("GET", "/layers/stats", as("ops", Role.OPERATOR, "GET", "x"))).get("chunks").asLong());
        assertTrue(json(call("POST", "/layers/verify", as("root", Role.ADMIN, "POST", "x"))).get("problems").isEmpty());
        assertEquals(1, json(call("POST", "/layers/gc", as("root", Role.ADMIN, "POST", "x"))).get("chunksKept").asLong());

        inject("sync", null);
        ApiException noSync = problem("GET", CVD, alice("GET", "x"));
        assertEquals(503, noSync.status());
        assertTrue(noSync.detail().contains("org.deskplane.layers.server"), noSync.detail());
        assertEquals(1, json(call("GET", CVDS, as("alice", Role.USER, "GET", CVDS))).size(), "store routes still work");
        inject("store", null);
        assertEquals(503, problem("GET", CVDS, as("alice", Role.USER, "GET", CVDS)).status());
        assertEquals(503, problem("PUT", "/layers/chunks/{sha256}", alice("PUT", "x").pathParam("sha256", "a".repeat(64))).status());
    }

    @Test
    void diffOfManifestsIsOneMergePass() {
        FileEntry x = new FileEntry("x", EntryType.FILE, 0644, "", 1, 1, "a".repeat(64), List.of("a".repeat(64)), "");
        FileEntry xMode = new FileEntry("x", EntryType.FILE, 0600, "", 1, 1, "a".repeat(64), List.of("a".repeat(64)), "");
        FileEntry link = new FileEntry("y", EntryType.SYMLINK, 0777, "", 1, 0, "", List.of(), "x");
        FileEntry relinked = new FileEntry("y", EntryType.SYMLINK, 0777, "", 1, 0, "", List.of(), "z");
        VersionDiff.LayerDiff diff = VersionDiff.of(new LayerManifest(Layer.USER_FILES, List.of(x, link)),
                new LayerManifest(Layer.USER_FILES, List.of(xMode, relinked)));
        assertEquals(List.of("x", "y"), diff.changed());
        assertEquals(List.of(), diff.added());
    }
}
