package org.deskplane.delivery.rest.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.deskplane.delivery.api.DeliveryException;
import org.deskplane.delivery.api.PayloadRef;
import org.deskplane.delivery.api.VmDeliveryState;
import org.deskplane.delivery.testing.InMemoryDeploymentService;
import org.deskplane.delivery.testing.InMemoryPayloadRepository;
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
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/** The delivery routes' handlers over the in-memory repository and deployment service. */
class DeliveryResourceTest {

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule());
    private static final String VM_A = "demo-1/11111111-1111-1111-1111-111111111111";
    private static final String VM_B = "demo-2/22222222-2222-2222-2222-222222222222";

    @TempDir
    Path dir;

    private InMemoryPayloadRepository repository;
    private InMemoryDeploymentService engine;
    private final List<AuditEvent> audit = new ArrayList<>();
    private DeliveryResource resource;

    @BeforeEach
    void setUp() throws Exception {
        repository = new InMemoryPayloadRepository(dir.resolve("images"));
        engine = new InMemoryDeploymentService(repository);
        resource = new DeliveryResource();
        inject("repository", repository);
        inject("engine", engine);
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
        repository.add("office-patch", "1.0", "fixes", Map.of("install.sh", "echo hi\n".getBytes(StandardCharsets.UTF_8),
                "conf/app.conf", "x=1\n".getBytes(StandardCharsets.UTF_8)), "copy = conf/app.conf => /etc/app/app.conf",
                "run = install.sh --quiet");
    }

    private void inject(String field, Object value) throws Exception {
        Field f = DeliveryResource.class.getDeclaredField(field);
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

    private static FakeApiRequest admin(String method, String path) {
        return new FakeApiRequest(method, path).as("root", Role.ADMIN).from("10.0.0.9");
    }

    private static FakeApiRequest payloadPath(FakeApiRequest request, String id, String version) {
        return request.pathParam("id", id).pathParam("version", version);
    }

    private static FakeApiRequest vmPath(FakeApiRequest request, String deployment, String vm) {
        int slash = vm.indexOf('/');
        return request.pathParam("id", deployment).pathParam("connection", vm.substring(0, slash))
                .pathParam("uuid", vm.substring(slash + 1));
    }

    private static JsonNode json(ApiResult result) {
        return JSON.valueToTree(result.json());
    }

    private static byte[] zip(Map<String, String> files) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, String> f : files.entrySet()) {
                out.putNextEntry(new ZipEntry(f.getKey()));
                out.write(f.getValue().getBytes(StandardCharsets.UTF_8));
                out.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    private Map<String, Object> deploymentBody(String... vmIds) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", "patch tuesday");
        body.put("payloads", List.of(Map.of("id", "office-patch", "version", "1.0")));
        body.put("targets", Map.of("vmIds", List.of(vmIds)));
        body.put("options", Map.of("methods", List.of("cdrom", "channel-copy"), "poweredOff", "WAIT_FOR_START",
                "agentTimeoutSeconds", 30, "maxRetries", 3, "globalConcurrency", 5, "perHostConcurrency", 2,
                "failureThreshold", 4));
        return body;
    }

    private String createDeployment(String... vmIds) throws Exception {
        ApiResult created = call("POST", "/delivery/deployments", admin("POST", "/delivery/deployments")
                .json(deploymentBody(vmIds)));
        return json(created).get("id").asText();
    }

    // --- roles, mapping, availability

    @Test
    void everyRouteHasItsRole() {
        Map<String, Role> expected = new TreeMap<>();
        expected.put("GET /delivery/payloads", Role.OPERATOR);
        expected.put("GET /delivery/payloads/{id}/{version}", Role.OPERATOR);
        expected.put("POST /delivery/payloads", Role.ADMIN);
        expected.put("DELETE /delivery/payloads/{id}/{version}", Role.ADMIN);
        expected.put("POST /delivery/payloads/{id}/{version}/image", Role.ADMIN);
        expected.put("GET /delivery/payloads/{id}/{version}/image", Role.OPERATOR);
        expected.put("GET /delivery/deployments", Role.OPERATOR);
        expected.put("POST /delivery/deployments", Role.ADMIN);
        expected.put("GET /delivery/deployments/{id}", Role.OPERATOR);
        expected.put("POST /delivery/deployments/{id}/pause", Role.ADMIN);
        expected.put("POST /delivery/deployments/{id}/resume", Role.ADMIN);
        expected.put("POST /delivery/deployments/{id}/cancel", Role.ADMIN);
        expected.put("POST /delivery/deployments/{id}/retry", Role.ADMIN);
        expected.put("POST /delivery/deployments/{id}/vms/{connection}/{uuid}/cancel", Role.ADMIN);
        expected.put("GET /delivery/deployments/{id}/vms/{connection}/{uuid}/log", Role.OPERATOR);
        Map<String, Role> actual = new TreeMap<>();
        for (Route r : resource.routes()) {
            actual.put(r.method() + " " + r.path(), r.minimumRole());
            assertFalse(r.summary() == null || r.summary().isBlank(), "OpenAPI summary of " + r.path());
        }
        assertEquals(expected, actual);
    }

    @Test
    void everyReasonHasItsHttpStatusAndItsNameAsTitle() {
        Map<DeliveryException.Reason, Integer> http = new EnumMap<>(DeliveryException.Reason.class);
        http.put(DeliveryException.Reason.INVALID, 400);
        http.put(DeliveryException.Reason.NOT_FOUND, 404);
        http.put(DeliveryException.Reason.CONFLICT, 409);
        http.put(DeliveryException.Reason.AGENT_UNAVAILABLE, 503);
        http.put(DeliveryException.Reason.NOT_SUPPORTED, 501);
        http.put(DeliveryException.Reason.TRANSIENT, 503);
        http.put(DeliveryException.Reason.TIMEOUT, 504);
        http.put(DeliveryException.Reason.FAILED, 500);
        assertEquals(DeliveryException.Reason.values().length, http.size());
        for (DeliveryException.Reason reason : DeliveryException.Reason.values()) {
            ApiException e = DeliveryProblems.of(new DeliveryException(reason, "why " + reason));
            assertEquals(http.get(reason), e.status(), reason.name());
            assertEquals(reason.name(), e.title());
            assertEquals("why " + reason, e.detail());
        }
    }

    @Test
    void aServiceThatIsAwayIs503() throws Exception {
        inject("engine", null);
        ApiException e = problem("GET", "/delivery/deployments", admin("GET", "/delivery/deployments"));
        assertEquals(503, e.status());
        assertTrue(e.detail().contains("deployment engine"), e.detail());
        inject("repository", null);
        assertEquals(503, problem("GET", "/delivery/payloads", admin("GET", "/delivery/payloads")).status());
        // a change while the engine is away is still audited, as a failure
        assertEquals(503, problem("POST", "/delivery/deployments", admin("POST", "/delivery/deployments")
                .json(deploymentBody(VM_A))).status());
        assertEquals(AuditEvent.Result.FAILURE, audit.get(audit.size() - 1).result());
    }

    // --- payloads

    @Test
    void payloadsAreListedAndInspected() throws Exception {
        JsonNode list = json(call("GET", "/delivery/payloads", admin("GET", "/delivery/payloads")));
        assertEquals(1, list.size());
        JsonNode p = list.get(0);
        assertEquals("office-patch", p.get("id").asText());
        assertEquals(2, p.get("fileCount").asInt());
        assertEquals(12, p.get("contentSize").asLong());
        assertFalse(p.get("imageBuilt").asBoolean());
        assertTrue(p.get("label").asText().startsWith("DP_OFFICE"));

        JsonNode detail = json(call("GET", "/delivery/payloads/{id}/{version}",
                payloadPath(admin("GET", "x"), "office-patch", "1.0")));
        assertEquals(2, detail.get("files").size());
        assertEquals(64, detail.get("files").get(0).get("sha256").asText().length());
        assertEquals("COPY", detail.get("steps").get(0).get("kind").asText());
        assertEquals("/etc/app/app.conf", detail.get("steps").get(0).get("target").asText());
        assertEquals("RUN", detail.get("steps").get(1).get("kind").asText());
        assertEquals("--quiet", detail.get("steps").get(1).get("args").get(0).asText());
        assertEquals(600, detail.get("timeoutSeconds").asLong());
        assertFalse(detail.get("image").get("built").asBoolean());

        ApiException missing = problem("GET", "/delivery/payloads/{id}/{version}",
                payloadPath(admin("GET", "x"), "nope", "1"));
        assertEquals(404, missing.status());
    }

    @Test
    void aZipIsImportedAndAudited() throws Exception {
        byte[] zip = zip(Map.of("deskplane-payload.conf", "id = tool\nversion = 2\nrun = setup.sh\n", "setup.sh",
                "exit 0\n"));
        ApiResult created = call("POST", "/delivery/payloads",
                admin("POST", "/delivery/payloads").header("Content-Type", "application/zip").body(zip));
        assertEquals(201, created.status());
        assertEquals("/api/delivery/payloads/tool/2", created.headers().get("Location"));
        assertEquals("tool", json(created).get("id").asText());
        assertEquals(1, json(created).get("files").size());
        AuditEvent event = audit.get(audit.size() - 1);
        assertEquals("root", event.actor());
        assertEquals("delivery.payload.import", event.action());
        assertEquals("/api/delivery/payloads/tool/2", event.target());
        assertEquals(AuditEvent.Result.SUCCESS, event.result());
        assertEquals("10.0.0.9", event.source());
        assertTrue(repository.find(new PayloadRef("tool", "2")).isPresent());

        ApiException twice = problem("POST", "/delivery/payloads", admin("POST", "/delivery/payloads").body(zip));
        assertEquals(409, twice.status());
        assertEquals("CONFLICT", twice.title());
        assertEquals(AuditEvent.Result.FAILURE, audit.get(audit.size() - 1).result());
    }

    @Test
    void badArchivesAreRefusedWithTheReason() throws Exception {
        ApiException noManifest = problem("POST", "/delivery/payloads",
                admin("POST", "/delivery/payloads").body(zip(Map.of("a.txt", "a"))));
        assertEquals(400, noManifest.status());
        assertTrue(noManifest.detail().contains("deskplane-payload.conf"), noManifest.detail());
        ApiException badManifest = problem("POST", "/delivery/payloads",
                admin("POST", "/delivery/payloads").body(zip(Map.of("deskplane-payload.conf", "id = x\nfrobnicate = 1\n"))));
        assertEquals(400, badManifest.status());
        assertTrue(badManifest.detail().contains("line 2"), badManifest.detail());
        String wrongSha = "0".repeat(64);
        ApiException tampered = problem("POST", "/delivery/payloads", admin("POST", "/delivery/payloads").body(zip(Map.of(
                "deskplane-payload.conf", "id = x\nversion = 1\nfile = " + wrongSha + " 1 a.txt\n", "a.txt", "a"))));
        assertEquals(400, tampered.status());
        assertTrue(tampered.detail().contains("SHA-256"), tampered.detail());
        ApiException json = problem("POST", "/delivery/payloads", admin("POST", "/delivery/payloads")
                .header("Content-Type", "application/json").json("{}"));
        assertEquals(415, json.status());
        assertEquals(1, repository.list().size(), "nothing stored");
    }

    @Test
    void theImageIsBuiltThenDownloaded() throws Exception {
        FakeApiRequest download = payloadPath(admin("GET", "x"), "office-patch", "1.0");
        ApiException notYet = problem("GET", "/delivery/payloads/{id}/{version}/image", download);
        assertEquals(409, notYet.status());
        assertTrue(notYet.detail().contains("POST"), notYet.detail());

        JsonNode built = json(call("POST", "/delivery/payloads/{id}/{version}/image",
                payloadPath(admin("POST", "x"), "office-patch", "1.0")));
        assertTrue(built.get("built").asBoolean());
        assertTrue(built.get("size").asLong() > 0);
        assertEquals(64, built.get("sha256").asText().length());
        assertEquals("delivery.payload.image", audit.get(audit.size() - 1).action());

        ApiResult answer = call("GET", "/delivery/payloads/{id}/{version}/image", download);
        assertEquals(200, answer.status());
        assertEquals("application/octet-stream", answer.contentType());
        assertNull(answer.json());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        answer.writer().writeTo(out);
        Path image = repository.image(new PayloadRef("office-patch", "1.0"), b -> {
        });
        assertArrayEquals(Files.readAllBytes(image), out.toByteArray());
        assertEquals(Long.toString(out.size()), answer.headers().get("Content-Length"));
        assertEquals(built.get("sha256").asText(), InMemoryPayloadRepository.sha256(out.toByteArray()));
        assertTrue(answer.headers().get("Content-Disposition").contains("office-patch-1.0.iso"));
    }

    @Test
    void aPayloadIsDeletedUnlessInUse() throws Exception {
        PayloadRef ref = new PayloadRef("office-patch", "1.0");
        repository.markInUse(ref, true);
        ApiException inUse = problem("DELETE", "/delivery/payloads/{id}/{version}",
                payloadPath(admin("DELETE", "x"), "office-patch", "1.0"));
        assertEquals(409, inUse.status());
        repository.markInUse(ref, false);
        assertEquals(204, call("DELETE", "/delivery/payloads/{id}/{version}",
                payloadPath(admin("DELETE", "x"), "office-patch", "1.0")).status());
        assertTrue(repository.find(ref).isEmpty());
        assertEquals("delivery.payload.delete", audit.get(audit.size() - 1).action());
        assertEquals(404, problem("DELETE", "/delivery/payloads/{id}/{version}",
                payloadPath(admin("DELETE", "x"), "office-patch", "1.0")).status());
    }

    // --- deployments

    @Test
    void aDeploymentIsCreatedWithItsOptionsAndListed() throws Exception {
        ApiResult created = call("POST", "/delivery/deployments", admin("POST", "/delivery/deployments")
                .json(deploymentBody(VM_A, VM_B)));
        assertEquals(201, created.status());
        JsonNode d = json(created);
        String id = d.get("id").asText();
        assertEquals("/api/delivery/deployments/" + id, created.headers().get("Location"));
        assertEquals("patch tuesday", d.get("name").asText());
        assertEquals("root", d.get("createdBy").asText());
        assertEquals("RUNNING", d.get("state").asText());
        assertEquals(2, d.get("items").size());
        assertEquals(VM_A, d.get("items").get(0).get("vmId").asText());
        assertEquals("PENDING", d.get("items").get(0).get("state").asText());
        JsonNode options = d.get("options");
        assertEquals("WAIT_FOR_START", options.get("poweredOff").asText());
        assertEquals("cdrom", options.get("methods").get(0).asText());
        assertEquals(30, options.get("agentTimeoutSeconds").asLong());
        assertEquals(3, options.get("maxRetries").asInt());
        assertEquals(5, options.get("globalConcurrency").asInt());
        assertEquals(2, options.get("perHostConcurrency").asInt());
        assertEquals(4, options.get("failureThreshold").asInt());
        assertEquals("delivery.deployment.create", audit.get(audit.size() - 1).action());
        assertEquals("/api/delivery/deployments/" + id, audit.get(audit.size() - 1).target());

        engine.progress(id, VM_A, VmDeliveryState.PROCESSING, 40, "installing", null);
        JsonNode list = json(call("GET", "/delivery/deployments", admin("GET", "/delivery/deployments")));
        assertEquals(1, list.size());
        assertEquals(2, list.get(0).get("summary").get("total").asInt());
        assertEquals(1, list.get(0).get("summary").get("running").asInt());
        assertEquals(1, list.get(0).get("summary").get("pending").asInt());
        assertNull(list.get(0).get("items"), "the list carries summaries, not items");

        JsonNode one = json(call("GET", "/delivery/deployments/{id}", admin("GET", "x").pathParam("id", id)));
        JsonNode item = one.get("items").get(0);
        assertEquals("PROCESSING", item.get("state").asText());
        assertEquals(40, item.get("progress").asInt());
        assertEquals("installing", item.get("message").asText());
        assertEquals("cdrom", item.get("method").asText());
        assertEquals(404, problem("GET", "/delivery/deployments/{id}", admin("GET", "x").pathParam("id", "zz")).status());
    }

    @Test
    void badDeploymentBodiesAre400WithTheField() throws Exception {
        assertBad("{not json", "not valid JSON");
        assertBad("", "JSON");
        assertBad("[]", "JSON object");
        assertBad("{\"payloads\":[],\"targets\":{\"vmIds\":[\"" + VM_A + "\"]}}", "payloads");
        assertBad("{\"payloads\":[{\"id\":\"office-patch\",\"version\":\"1.0\"}]}", "targets");
        assertBad("{\"payloads\":[{\"id\":\"office-patch\",\"version\":\"1.0\"}],\"targets\":{}}", "no VM");
        assertBad("{\"payloads\":[{\"id\":\"office-patch\"}],\"targets\":{\"vmIds\":[\"a/b\"]}}", "payloads[0]");
        assertBad("{\"payloads\":[{\"id\":\"office-patch\",\"version\":\"1.0\"}],\"targets\":{\"vmIds\":[\"a/b\"]},"
                + "\"options\":{\"globalConcurency\":3}}", "unknown field 'globalConcurency'");
        assertBad("{\"payloads\":[{\"id\":\"office-patch\",\"version\":\"1.0\"}],\"targets\":{\"vmIds\":[\"a/b\"]},"
                + "\"options\":{\"poweredOff\":\"SOMETIMES\"}}", "options.poweredOff");
        assertBad("{\"payloads\":[{\"id\":\"office-patch\",\"version\":\"1.0\"}],\"targets\":{\"vmIds\":[\"a/b\"]},"
                + "\"options\":{\"globalConcurrency\":0}}", "options.globalConcurrency");
        assertBad("{\"payloads\":[{\"id\":\"office-patch\",\"version\":\"1.0\"}],\"targets\":{\"vmIds\":[\"a/b\"]},"
                + "\"options\":{\"maxRetries\":\"two\"}}", "whole number");
        assertBad("{\"payloads\":[{\"id\":\"office-patch\",\"version\":\"1.0\"}],\"targets\":{\"vmIds\":\"a/b\"}}",
                "targets.vmIds");
        // the engine's own refusal (unknown payload) is its INVALID
        ApiException unknown = problem("POST", "/delivery/deployments", admin("POST", "x").json(
                "{\"payloads\":[{\"id\":\"ghost\",\"version\":\"1\"}],\"targets\":{\"names\":[\"desk-1\"]}}"));
        assertEquals(400, unknown.status());
        assertEquals("INVALID", unknown.title());
        assertTrue(engine.list().isEmpty());
    }

    private void assertBad(String body, String mentions) {
        ApiException e = problem("POST", "/delivery/deployments", admin("POST", "/delivery/deployments").json(body));
        assertEquals(400, e.status(), body);
        assertTrue(e.detail().contains(mentions), body + " → " + e.detail());
    }

    @Test
    void pauseResumeCancelAndTheirConflicts() throws Exception {
        String id = createDeployment(VM_A, VM_B);
        JsonNode paused = json(call("POST", "/delivery/deployments/{id}/pause", admin("POST", "x").pathParam("id", id)));
        assertEquals("PAUSED", paused.get("state").asText());
        JsonNode resumed = json(call("POST", "/delivery/deployments/{id}/resume", admin("POST", "x").pathParam("id", id)));
        assertEquals("RUNNING", resumed.get("state").asText());
        JsonNode cancelled = json(call("POST", "/delivery/deployments/{id}/cancel", admin("POST", "x").pathParam("id", id)));
        assertEquals("CANCELLED", cancelled.get("state").asText());
        assertEquals(2, cancelled.get("summary").get("cancelled").asInt());
        ApiException again = problem("POST", "/delivery/deployments/{id}/pause", admin("POST", "x").pathParam("id", id));
        assertEquals(409, again.status());
        assertEquals(List.of("create " + id, "pause " + id, "resume " + id, "cancel " + id), engine.calls());
        List<String> actions = audit.stream().map(AuditEvent::action).toList();
        assertEquals(List.of("delivery.deployment.create", "delivery.deployment.pause", "delivery.deployment.resume",
                "delivery.deployment.cancel", "delivery.deployment.pause"), actions);
        assertEquals(AuditEvent.Result.FAILURE, audit.get(4).result());
        assertTrue(audit.get(4).detail().contains("409"), audit.get(4).detail());
    }

    @Test
    void oneVmIsCancelledByItsTwoSegmentId() throws Exception {
        String id = createDeployment(VM_A, VM_B);
        JsonNode d = json(call("POST", "/delivery/deployments/{id}/vms/{connection}/{uuid}/cancel",
                vmPath(admin("POST", "x"), id, VM_B)));
        assertEquals("CLEANED", d.get("items").get(1).get("state").asText());
        assertEquals("CANCELLED", d.get("items").get(1).get("outcome").asText());
        assertEquals("PENDING", d.get("items").get(0).get("state").asText());
        assertTrue(engine.calls().contains("cancel " + id + " " + VM_B));
        assertEquals("delivery.deployment.vm.cancel", audit.get(audit.size() - 1).action());
        ApiException unknownVm = problem("POST", "/delivery/deployments/{id}/vms/{connection}/{uuid}/cancel",
                vmPath(admin("POST", "x"), id, "demo-9/nope"));
        assertEquals(404, unknownVm.status());
    }

    @Test
    void failedItemsAreRetried() throws Exception {
        String id = createDeployment(VM_A, VM_B);
        engine.progress(id, VM_A, VmDeliveryState.FAILED, 100, "install.sh exited 3", 3);
        engine.progress(id, VM_B, VmDeliveryState.SUCCEEDED, 100, "done", 0);
        JsonNode before = json(call("GET", "/delivery/deployments/{id}", admin("GET", "x").pathParam("id", id)));
        assertEquals(3, before.get("items").get(0).get("exitCode").asInt());
        assertEquals("FAILED", before.get("items").get(0).get("outcome").asText());
        assertEquals(1, before.get("summary").get("failed").asInt());
        JsonNode retried = json(call("POST", "/delivery/deployments/{id}/retry", admin("POST", "x").pathParam("id", id)));
        assertEquals(1, retried.get("retried").asInt());
        assertEquals(id, retried.get("deployment").asText());
        assertEquals("delivery.deployment.retry", audit.get(audit.size() - 1).action());
        JsonNode after = json(call("GET", "/delivery/deployments/{id}", admin("GET", "x").pathParam("id", id)));
        assertEquals("PENDING", after.get("items").get(0).get("state").asText());
    }

    @Test
    void aVmsLogIsPaged() throws Exception {
        String id = createDeployment(VM_A);
        for (int i = 0; i < 5; i++) {
            engine.log(id, VM_A, "line " + i);
        }
        JsonNode page = json(call("GET", "/delivery/deployments/{id}/vms/{connection}/{uuid}/log",
                vmPath(admin("GET", "x"), id, VM_A).query("from", "2").query("max", "3")));
        assertEquals(2, page.get("from").asInt());
        assertEquals(5, page.get("next").asInt());
        assertEquals(3, page.get("lines").size());
        assertEquals("line 1", page.get("lines").get(0).asText()); // line 0 of the log is the engine's "queued"
        assertEquals(VM_A, page.get("vmId").asText());
        JsonNode all = json(call("GET", "/delivery/deployments/{id}/vms/{connection}/{uuid}/log",
                vmPath(admin("GET", "x"), id, VM_A)));
        assertEquals(6, all.get("lines").size());
        assertEquals(400, problem("GET", "/delivery/deployments/{id}/vms/{connection}/{uuid}/log",
                vmPath(admin("GET", "x"), id, VM_A).query("max", "0")).status());
        assertEquals(400, problem("GET", "/delivery/deployments/{id}/vms/{connection}/{uuid}/log",
                vmPath(admin("GET", "x"), id, VM_A).query("from", "x")).status());
        assertEquals(404, problem("GET", "/delivery/deployments/{id}/vms/{connection}/{uuid}/log",
                vmPath(admin("GET", "x"), id, "demo-9/none")).status());
        assertTrue(audit.stream().noneMatch(e -> e.action().contains("log")), "reads are not audited");
    }
}
