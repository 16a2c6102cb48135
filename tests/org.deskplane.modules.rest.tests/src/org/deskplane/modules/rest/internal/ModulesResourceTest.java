package org.deskplane.modules.rest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.deskplane.modules.api.ModuleInfo;
import org.deskplane.modules.api.ModuleState;
import org.deskplane.modules.api.ModuleStatus;
import org.deskplane.modules.api.Requester;
import org.deskplane.modules.api.Verb;
import org.deskplane.modules.testing.InMemoryModuleHost;
import org.deskplane.modules.testing.InMemoryModulePolicies;
import org.deskplane.modules.testing.InMemoryModuleTrust;
import org.deskplane.modules.testing.TestJars;
import org.deskplane.rest.api.ApiException;
import org.deskplane.rest.api.ApiResult;
import org.deskplane.rest.api.Route;
import org.deskplane.rest.testing.FakeApiRequest;
import org.deskplane.security.api.Role;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/** The module routes' handlers over the in-memory host, trust store and policy (the real host is tested elsewhere). */
class ModulesResourceTest {

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule());
    private static final Map<ModuleStatus, Integer> HTTP = new EnumMap<>(ModuleStatus.class);

    static {
        HTTP.put(ModuleStatus.OK, 200);
        HTTP.put(ModuleStatus.NOT_FOUND, 404);
        HTTP.put(ModuleStatus.OTHER_VERSIONS, 404);
        HTTP.put(ModuleStatus.DENIED, 403);
        HTTP.put(ModuleStatus.UNSIGNED, 422);
        HTTP.put(ModuleStatus.TAMPERED, 422);
        HTTP.put(ModuleStatus.UNTRUSTED_SIGNER, 422);
        HTTP.put(ModuleStatus.EXPIRED, 422);
        HTTP.put(ModuleStatus.CHECKSUM_MISMATCH, 422);
        HTTP.put(ModuleStatus.TOO_LARGE, 413);
        HTTP.put(ModuleStatus.INVALID, 400);
        HTTP.put(ModuleStatus.NOT_WHITELISTED, 400);
        HTTP.put(ModuleStatus.ACTIVATION_FAILED, 422);
        HTTP.put(ModuleStatus.ACTIVATION_TIMEOUT, 422);
        HTTP.put(ModuleStatus.CONFLICT, 409);
        HTTP.put(ModuleStatus.BUSY, 429);
        HTTP.put(ModuleStatus.FAILED, 500);
    }

    @TempDir
    Path dir;

    private InMemoryModuleTrust trust;
    private InMemoryModulePolicies policies;
    private InMemoryModuleHost host;
    private ModulesResource resource;

    @BeforeEach
    void setUp() throws Exception {
        trust = new InMemoryModuleTrust();
        policies = new InMemoryModulePolicies();
        host = new InMemoryModuleHost(trust, policies);
        resource = new ModulesResource();
        inject("host", host);
        inject("trust", trust);
        inject("policies", policies);
    }

    private void inject(String field, Object value) throws Exception {
        Field f = ModulesResource.class.getDeclaredField(field);
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

    private static JsonNode json(ApiResult result) {
        return JSON.valueToTree(result.json());
    }

    private static Set<String> fields(JsonNode node) {
        Set<String> names = new TreeSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private void trustTestCa() throws Exception {
        trust.add("test-ca", TestJars.testCaPem().getBytes());
    }

    private static FakeApiRequest jarUpload(Path jar) throws Exception {
        return admin("POST", "/modules").header("Content-Type", "application/java-archive")
                .body(Files.readAllBytes(jar));
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    // --- status mapping and roles

    @Test
    void everyModuleStatusHasItsHttpStatusAndItsNameAsTitle() {
        assertEquals(ModuleStatus.values().length, HTTP.size(), "a status without an expected HTTP status here");
        for (ModuleStatus status : ModuleStatus.values()) {
            assertEquals(HTTP.get(status), ModuleProblems.httpStatus(status), status.name());
            ApiException e = ModuleProblems.of(new org.deskplane.modules.api.ModuleException(status, "why " + status));
            assertEquals(status.name(), e.title());
            assertEquals("why " + status, e.detail());
        }
    }

    @Test
    void onlyTheModuleListIsForOperatorsEverythingElseIsAdmin() {
        Set<String> operator = new TreeSet<>();
        for (Route route : resource.routes()) {
            assertTrue(route.minimumRole() != null, "no public module route: " + route.path());
            if (route.minimumRole() != Role.ADMIN) {
                operator.add(route.method() + " " + route.path() + " " + route.minimumRole());
            }
        }
        assertEquals(Set.of("GET /modules OPERATOR", "GET /modules/{name}/{version} OPERATOR"), operator);
        assertEquals(19, resource.routes().size(), "routes: " + resource.routes().stream()
                .map(r -> r.method() + " " + r.path()).toList());
    }

    // --- upload

    @Test
    void aSignedJarUploadedWithoutAHashIsStagedVerifiedAndStored() throws Exception {
        trustTestCa();
        Path jar = TestJars.signedBundle(dir, "org.example.scan", "1.2.0");
        ApiResult result = call("POST", "/modules", jarUpload(jar));
        assertEquals(201, result.status());
        assertEquals("/api/modules/org.example.scan/1.2.0", result.headers().get("Location"));
        JsonNode module = json(result);
        assertEquals(Set.of("id", "symbolicName", "version", "state", "signer", "signerSha256", "sha256", "size",
                "message", "storedAt"), fields(module));
        assertEquals("org.example.scan/1.2.0", module.get("id").asText());
        assertEquals("STORED", module.get("state").asText());
        assertEquals(Files.size(jar), module.get("size").asLong());
        assertEquals(sha256(Files.readAllBytes(jar)), module.get("sha256").asText());
        assertTrue(module.get("signer").asText().contains("CN="), module.toString());
        assertEquals(1, host.storedCount());

        JsonNode listed = json(call("GET", "/modules", new FakeApiRequest("GET", "/modules").as("op", Role.OPERATOR)));
        assertEquals(1, listed.size());
        assertEquals("org.example.scan", listed.get(0).get("symbolicName").asText());
    }

    @Test
    void aDeclaredHashStreamsTheBodyStraightToTheHost() throws Exception {
        trustTestCa();
        byte[] bytes = Files.readAllBytes(TestJars.signedBundle(dir, "org.example.stream", "1.0.0"));
        ApiResult result = call("POST", "/modules", admin("POST", "/modules").body(bytes)
                .header("Content-Type", "application/java-archive").header("Content-Length", "" + bytes.length)
                .header("X-Content-SHA256", sha256(bytes).toUpperCase()).query("load", "true"));
        assertEquals(201, result.status());
        assertEquals("LOADED", json(result).get("state").asText(), "?load=true loads it");
    }

    @Test
    void aWrongHashIs422ChecksumMismatchAndNothingIsStored() throws Exception {
        trustTestCa();
        byte[] bytes = Files.readAllBytes(TestJars.signedBundle(dir, "org.example.bad", "1.0.0"));
        ApiException e = problem("POST", "/modules", admin("POST", "/modules").body(bytes)
                .header("Content-Length", "" + bytes.length).header("X-Content-SHA256", "ab".repeat(32)));
        assertEquals(422, e.status());
        assertEquals("CHECKSUM_MISMATCH", e.title());
        assertEquals(0, host.storedCount(), "nothing stored");
        assertEquals(0, host.openUploads(), "the session is closed");
        assertEquals(ModuleStatus.CHECKSUM_MISMATCH, host.requests(null, 1).get(0).status(), "in the history");
    }

    @Test
    void aShorterBodyThanDeclaredIsAMismatchToo() throws Exception {
        trustTestCa();
        byte[] bytes = Files.readAllBytes(TestJars.signedBundle(dir, "org.example.short", "1.0.0"));
        ApiException e = problem("POST", "/modules", admin("POST", "/modules")
                .body(java.util.Arrays.copyOf(bytes, bytes.length - 10))
                .header("Content-Length", "" + bytes.length).header("X-Content-SHA256", sha256(bytes)));
        assertEquals(422, e.status());
        assertEquals(0, host.storedCount());
    }

    @Test
    void unsignedAndUntrustedJarsAre422AndNotStored() throws Exception {
        Path unsigned = TestJars.bundle(dir, "org.example.unsigned", "1.0.0");
        trustTestCa();
        ApiException e = problem("POST", "/modules", jarUpload(unsigned));
        assertEquals(422, e.status());
        assertEquals("UNSIGNED", e.title());

        trust.remove("test-ca");
        ApiException untrusted = problem("POST", "/modules",
                jarUpload(TestJars.signedBundle(dir, "org.example.untrusted", "1.0.0")));
        assertEquals(422, untrusted.status());
        assertEquals("UNTRUSTED_SIGNER", untrusted.title());
        assertEquals(0, host.storedCount());
        assertEquals(0, host.openUploads());
        assertEquals(List.of(), stagingFiles(), "the staged copies are deleted");
    }

    /** What the staged upload path leaves in the temp directory (nothing, once a request is over). */
    private static List<Path> stagingFiles() throws Exception {
        try (var files = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return files.filter(f -> f.getFileName().toString().startsWith("deskplane-module-upload-")).toList();
        }
    }

    @Test
    void uploadRefusalsBeforeTheFirstByte() throws Exception {
        trustTestCa();
        byte[] bytes = Files.readAllBytes(TestJars.signedBundle(dir, "org.example.big", "1.0.0"));
        host.maxUploadBytes = 100;
        assertEquals(413, problem("POST", "/modules", admin("POST", "/modules").body(bytes)).status());
        host.maxUploadBytes = 1 << 20;
        host.maxOpenUploads = 0;
        ApiException busy = problem("POST", "/modules", admin("POST", "/modules").body(bytes));
        assertEquals(429, busy.status());
        assertEquals("BUSY", busy.title());
        host.maxOpenUploads = 4;
        assertEquals(400, problem("POST", "/modules", admin("POST", "/modules").body(bytes)
                .header("X-Content-SHA256", sha256(bytes))).status(), "a declared hash needs a Content-Length");
        assertEquals(400, problem("POST", "/modules", admin("POST", "/modules").body(bytes)
                .header("Content-Length", "" + bytes.length).header("X-Content-SHA256", "xyz")).status());
        assertEquals(415, problem("POST", "/modules", admin("POST", "/modules").body(bytes)
                .header("Content-Type", "application/json")).status());
        assertEquals(400, problem("POST", "/modules", admin("POST", "/modules")).status(), "empty body");
        assertEquals(0, host.storedCount());
    }

    @Test
    void aModuleThatFailsToLoadAfterUploadIsStoredAndTheProblemSaysSo() throws Exception {
        trustTestCa();
        host.failNextLoad(ModuleStatus.ACTIVATION_FAILED, "activator threw NPE");
        ApiException e = problem("POST", "/modules",
                jarUpload(TestJars.signedBundle(dir, "org.example.crash", "1.0.0")).query("load", "true"));
        assertEquals(422, e.status());
        assertEquals("ACTIVATION_FAILED", e.title());
        assertTrue(e.detail().startsWith("org.example.crash/1.0.0 was stored, but loading it failed: activator threw"),
                e.detail());
        assertEquals(ModuleState.FAILED, host.modules().get(0).state());
    }

    // --- load, unload, replace, delete, quarantine

    @Test
    void loadUnloadReplaceAndDelete() throws Exception {
        seed("org.example.p", "1.0.0", ModuleState.STORED);
        seed("org.example.p", "2.0.0", ModuleState.STORED);
        JsonNode loaded = json(call("POST", "/modules/{name}/{version}/load", admin("POST", "/modules/x/load")
                .pathParam("name", "org.example.p").pathParam("version", "1.0.0")));
        assertEquals(Set.of("id", "time", "vmId", "image", "user", "admin", "source", "verb", "target", "status",
                "message", "restartRequired"), fields(loaded));
        assertEquals("LOAD", loaded.get("verb").asText());
        assertEquals("OK", loaded.get("status").asText());
        assertEquals("root", loaded.get("user").asText());
        assertEquals("10.0.0.9", loaded.get("source").asText());
        assertTrue(loaded.get("admin").asBoolean());

        ApiException noVersion = problem("POST", "/modules/{name}/replace",
                admin("POST", "/modules/org.example.p/replace").pathParam("name", "org.example.p"));
        assertEquals(400, noVersion.status());
        call("POST", "/modules/{name}/replace", admin("POST", "/modules/org.example.p/replace")
                .pathParam("name", "org.example.p").query("version", "2.0.0"));
        assertEquals(List.of(ModuleState.STORED, ModuleState.LOADED),
                host.modules().stream().map(ModuleInfo::state).toList());

        ApiException loadedDelete = problem("DELETE", "/modules/{name}/{version}", admin("DELETE", "/m")
                .pathParam("name", "org.example.p").pathParam("version", "2.0.0"));
        assertEquals(409, loadedDelete.status());
        assertEquals("CONFLICT", loadedDelete.title());
        call("POST", "/modules/{name}/{version}/unload", admin("POST", "/m").pathParam("name", "org.example.p")
                .pathParam("version", "2.0.0"));
        assertEquals(409, problem("POST", "/modules/{name}/{version}/unload", admin("POST", "/m")
                .pathParam("name", "org.example.p").pathParam("version", "2.0.0")).status(), "not loaded any more");
        assertEquals(204, call("DELETE", "/modules/{name}/{version}", admin("DELETE", "/m")
                .pathParam("name", "org.example.p").pathParam("version", "2.0.0")).status());
        assertEquals(1, host.storedCount());

        ApiException missing = problem("POST", "/modules/{name}/{version}/load", admin("POST", "/m")
                .pathParam("name", "org.example.none").pathParam("version", "1.0.0"));
        assertEquals(404, missing.status());
        assertEquals("NOT_FOUND", missing.title());
        assertEquals(404, problem("GET", "/modules/{name}/{version}", admin("GET", "/m")
                .pathParam("name", "org.example.none").pathParam("version", "1.0.0")).status());
    }

    @Test
    void aQuarantinedModuleIsClearedToStored() throws Exception {
        seed("org.example.hang", "1.0.0", ModuleState.QUARANTINED);
        ApiException refused = problem("POST", "/modules/{name}/{version}/load", admin("POST", "/m")
                .pathParam("name", "org.example.hang").pathParam("version", "1.0.0"));
        assertEquals(409, refused.status());
        ApiResult cleared = call("POST", "/modules/{name}/{version}/clear-quarantine", admin("POST", "/m")
                .pathParam("name", "org.example.hang").pathParam("version", "1.0.0"));
        assertEquals("STORED", json(cleared).get("state").asText());
        assertEquals(409, problem("POST", "/modules/{name}/{version}/clear-quarantine", admin("POST", "/m")
                .pathParam("name", "org.example.hang").pathParam("version", "1.0.0")).status(), "not any more");
    }

    // --- registrations

    @Test
    void registrationsArePerImage() throws Exception {
        seed("org.example.r", "1.0.0", ModuleState.STORED);
        ApiResult created = call("POST", "/modules/registrations", admin("POST", "/modules/registrations")
                .json(Map.of("image", "win11-gold", "name", "org.example.r", "version", "1.0.0")));
        assertEquals(201, created.status());
        JsonNode registration = json(created);
        assertEquals(Set.of("image", "symbolicName", "version", "registeredBy", "time"), fields(registration));
        assertEquals("win11-gold", registration.get("image").asText());
        assertEquals("root", registration.get("registeredBy").asText());

        assertEquals(1, json(call("GET", "/modules/registrations", admin("GET", "/r").query("image", "win11-gold")))
                .size());
        assertEquals(0, json(call("GET", "/modules/registrations", admin("GET", "/r").query("image", "other")))
                .size());
        assertEquals(1, json(call("GET", "/modules/registrations", admin("GET", "/r"))).size(), "all images");
        assertEquals(409, problem("DELETE", "/modules/{name}/{version}", admin("DELETE", "/m")
                .pathParam("name", "org.example.r").pathParam("version", "1.0.0")).status(), "registered");

        assertEquals(400, problem("POST", "/modules/registrations", admin("POST", "/r")
                .json(Map.of("name", "org.example.r", "version", "1.0.0"))).status(), "no image");
        assertEquals(404, problem("POST", "/modules/registrations", admin("POST", "/r")
                .json(Map.of("image", "i", "name", "org.example.none", "version", "1.0.0"))).status());

        FakeApiRequest remove = admin("DELETE", "/r").pathParam("image", "win11-gold")
                .pathParam("name", "org.example.r").pathParam("version", "1.0.0");
        assertEquals("UNREGISTER", json(call("DELETE", "/modules/registrations/{image}/{name}/{version}", remove))
                .get("verb").asText());
        assertEquals(0, host.registrations(null).size());
        assertEquals(404, problem("DELETE", "/modules/registrations/{image}/{name}/{version}", remove).status());
    }

    // --- history

    @Test
    void theHistoryShowsDeniedGuestRequestsNewestFirst() throws Exception {
        seed("org.example.h", "1.0.0", ModuleState.STORED);
        assertThrows(org.deskplane.modules.api.ModuleException.class,
                () -> host.load(Requester.guest("vm-7", "img-7", "alice"), "org.example.h", "1.0.0"));
        call("POST", "/modules/{name}/{version}/load", admin("POST", "/m").pathParam("name", "org.example.h")
                .pathParam("version", "1.0.0"));
        JsonNode all = json(call("GET", "/modules/requests", admin("GET", "/modules/requests")));
        assertEquals(2, all.size());
        assertEquals("OK", all.get(0).get("status").asText(), "newest first");
        JsonNode denied = all.get(1);
        assertEquals("DENIED", denied.get("status").asText());
        assertEquals("vm-7", denied.get("vmId").asText());
        assertEquals("img-7", denied.get("image").asText());
        assertEquals("alice", denied.get("user").asText());
        assertEquals("channel:vm-7", denied.get("source").asText());
        assertTrue(denied.get("message").asText().contains("no policy rule"), denied.toString());

        JsonNode vm7 = json(call("GET", "/modules/requests", admin("GET", "/r").query("vm", "vm-7").query("limit", "5")));
        assertEquals(1, vm7.size());
        assertEquals(1, json(call("GET", "/modules/requests", admin("GET", "/r").query("limit", "1"))).size());
        assertEquals(400, problem("GET", "/modules/requests", admin("GET", "/r").query("limit", "0")).status());
        assertEquals(400, problem("GET", "/modules/requests", admin("GET", "/r").query("limit", "x")).status());
    }

    // --- trust

    @Test
    void trustedCertificatesAreAddedListedAndRemoved() throws Exception {
        ApiResult added = call("POST", "/modules/trust", admin("POST", "/modules/trust")
                .json(Map.of("alias", "test-ca", "pem", TestJars.testCaPem())));
        assertEquals(201, added.status());
        JsonNode certificate = json(added);
        assertEquals(Set.of("alias", "subject", "issuer", "notBefore", "notAfter", "sha256"), fields(certificate));
        assertEquals(64, certificate.get("sha256").asText().length());
        assertEquals(1, json(call("GET", "/modules/trust", admin("GET", "/modules/trust"))).size());

        ApiException notPem = problem("POST", "/modules/trust", admin("POST", "/t")
                .json(Map.of("alias", "junk", "pem", "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n")));
        assertEquals(400, notPem.status());
        assertEquals("INVALID", notPem.title());
        assertEquals(400, problem("POST", "/modules/trust", admin("POST", "/t").json(Map.of("alias", "x"))).status());

        assertEquals(204, call("DELETE", "/modules/trust/{alias}", admin("DELETE", "/t").pathParam("alias", "test-ca"))
                .status());
        assertEquals(404, problem("DELETE", "/modules/trust/{alias}", admin("DELETE", "/t").pathParam("alias",
                "test-ca")).status());
        assertTrue(trust.trusted().isEmpty());
    }

    // --- policy

    @Test
    void policyRulesAreWrittenReadAndRefusedWithTheHostsReason() throws Exception {
        ApiResult put = call("PUT", "/modules/policy/{id}", admin("PUT", "/p").pathParam("id", "scan-desks")
                .json(Map.of("order", 10, "vms", List.of("*"), "images", List.of("win11-*"),
                        "verbs", List.of("query", "LOAD"), "modules", List.of("org.example.*"), "allow", true)));
        JsonNode rule = json(put);
        assertEquals(Set.of("id", "order", "vms", "images", "verbs", "modules", "signers", "allow"), fields(rule));
        assertEquals("[\"LOAD\",\"QUERY\"]", rule.get("verbs").toString());
        assertEquals(Set.of(Verb.LOAD, Verb.QUERY), policies.rules().get(0).verbs());

        ApiException empty = problem("PUT", "/modules/policy/{id}", admin("PUT", "/p").pathParam("id", "no-vms")
                .json(Map.of("allow", true, "images", List.of("*"))));
        assertEquals(400, empty.status());
        assertEquals("INVALID", empty.title(), "the host's refusal");
        assertTrue(empty.detail().contains("VMs and images"), empty.detail());
        assertEquals(400, problem("PUT", "/modules/policy/{id}", admin("PUT", "/p").pathParam("id", "bad id!")
                .json(Map.of("allow", true, "vms", List.of("*"), "images", List.of("*")))).status());
        ApiException verb = problem("PUT", "/modules/policy/{id}", admin("PUT", "/p").pathParam("id", "v")
                .json(Map.of("allow", true, "vms", List.of("*"), "images", List.of("*"), "verbs", List.of("FLY"))));
        assertTrue(verb.detail().contains("FLY"), verb.detail());
        assertEquals(400, problem("PUT", "/modules/policy/{id}", admin("PUT", "/p").pathParam("id", "a")
                .json(Map.of("vms", List.of("*"), "images", List.of("*")))).status(), "allow is required");
        assertEquals(400, problem("PUT", "/modules/policy/{id}", admin("PUT", "/p").pathParam("id", "a")
                .json(Map.of("id", "b", "allow", false, "vms", List.of("*"), "images", List.of("*")))).status());
        assertEquals(1, policies.rules().size(), "only the good rule");

        assertEquals(1, json(call("GET", "/modules/policy", admin("GET", "/p"))).size());
        assertEquals(204, call("DELETE", "/modules/policy/{id}", admin("DELETE", "/p").pathParam("id", "scan-desks"))
                .status());
        assertEquals(404, problem("DELETE", "/modules/policy/{id}", admin("DELETE", "/p").pathParam("id",
                "scan-desks")).status());
    }

    @Test
    void theWhitelistIsListedAsSettings() throws Exception {
        JsonNode settings = json(call("GET", "/modules/configuration-whitelist", admin("GET", "/w")));
        assertEquals(1, settings.size());
        assertEquals(Set.of("setting", "description"), fields(settings.get(0)));
        assertEquals("org.deskplane.sample.scan/maxFileMiB", settings.get(0).get("setting").asText());
    }

    // --- services away

    @Test
    void everyRouteAnswers503WhileItsServiceIsAway() throws Exception {
        inject("host", null);
        inject("trust", null);
        inject("policies", null);
        for (Route route : resource.routes()) {
            FakeApiRequest request = admin(route.method(), route.path()).json("{}").pathParam("name", "n")
                    .pathParam("version", "1.0.0").pathParam("image", "i").pathParam("alias", "a").pathParam("id", "r")
                    .query("version", "1.0.0");
            ApiException e = assertThrows(ApiException.class, () -> route.handler().handle(request),
                    route.method() + " " + route.path());
            assertEquals(503, e.status(), route.method() + " " + route.path() + ": " + e.detail());
        }
    }

    private void seed(String name, String version, ModuleState state) {
        host.put(new ModuleInfo(name, version, "00".repeat(32), 1234, "CN=Deskplane test signer", "11".repeat(32),
                state, state == ModuleState.QUARANTINED ? "hung in activation" : "", Instant.now()));
    }
}
