package org.deskplane.print.rest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.deskplane.hypervisor.api.HypervisorConnection;
import org.deskplane.print.api.PrintException;
import org.deskplane.print.api.PrintException.Kind;
import org.deskplane.print.api.PrintJobRequest;
import org.deskplane.print.policy.PrintPolicies;
import org.deskplane.print.policy.PrintPolicyRule;
import org.deskplane.print.routing.PrintRouter;
import org.deskplane.print.routing.PrintingContext;
import org.deskplane.print.routing.SpoolState;
import org.deskplane.print.routing.SpooledJob;
import org.deskplane.print.routing.VmPrinter;
import org.deskplane.print.testing.KnownVms;
import org.deskplane.rest.api.ApiException;
import org.deskplane.rest.api.ApiResult;
import org.deskplane.rest.api.Route;
import org.deskplane.rest.testing.FakeApiRequest;
import org.deskplane.security.api.Role;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The print routes' handlers with an in-test router and policy store (the real router is tested elsewhere). */
class PrintResourceTest {

    private static final String VM_UUID = "5a1e7f00-0000-4000-8000-000000000001";
    private static final Map<Kind, Integer> STATUS = new EnumMap<>(Map.of(Kind.NOT_FOUND, 404, Kind.INVALID, 400,
            Kind.UNSUPPORTED, 415, Kind.DENIED, 403, Kind.UNAVAILABLE, 503, Kind.STORAGE, 507, Kind.FAILED, 502));

    private final ListRouter router = new ListRouter();
    private final ListPolicies policies = new ListPolicies();
    private final KnownVms vms = new KnownVms("qemu");
    private PrintResource resource;

    @BeforeEach
    void setUp() throws Exception {
        vms.add(VM_UUID, "desk-1", Map.of("owner", "alice", "pool", "finance"));
        vms.add("5a1e7f00-0000-4000-8000-000000000002", "shared", Map.of());
        resource = new PrintResource();
        inject("router", router);
        inject("policies", policies);
        inject("connections", List.<HypervisorConnection>of(vms));
        router.add(job("a1", "alice"));
        router.add(job("b1", "bob"));
        router.add(job("a2", "alice"));
    }

    private void inject(String field, Object value) throws Exception {
        Field f = PrintResource.class.getDeclaredField(field);
        f.setAccessible(true);
        f.set(resource, value);
    }

    private Route route(String method, String path) {
        return resource.routes().stream().filter(r -> r.method().equals(method) && r.path().equals(path)).findFirst()
                .orElseThrow(() -> new AssertionError("no route " + method + " " + path));
    }

    private static SpooledJob job(String id, String user) {
        Instant now = Instant.now();
        return new SpooledJob(id, new PrintingContext("qemu", VM_UUID, "desk-1", "finance", user), "pdf.pdf",
                PrintJobRequest.of("application/pdf", id).withIdempotencyKey(id), 10, "", SpoolState.SPOOLED, "", 0,
                null, now, now);
    }

    @SuppressWarnings("unchecked")
    private static List<String> ids(ApiResult result) {
        return ((List<PrintDtos.Job>) result.json()).stream().map(PrintDtos.Job::id).toList();
    }

    private static ApiException problem(Route route, FakeApiRequest request) {
        return assertThrows(ApiException.class, () -> route.handler().handle(request));
    }

    // --- PrintException.Kind → HTTP status

    @Test
    void everyKindHasItsStatus() {
        assertEquals(Kind.values().length, STATUS.size(), "a kind without an expected status in this test");
        for (Kind kind : Kind.values()) {
            PrintException cause = new PrintException(kind, "because " + kind);
            ApiException mapped = PrintProblems.of(cause);
            assertEquals(STATUS.get(kind), mapped.status(), kind.name());
            assertEquals("because " + kind, mapped.detail());
        }
    }

    @Test
    void aRouterFailureReachesTheCallerAsItsStatus() {
        Route cancel = route("POST", "/print/jobs/{id}/cancel");
        for (Kind kind : Kind.values()) {
            router.failWith = new PrintException(kind, "router says " + kind);
            ApiException e = problem(cancel,
                    new FakeApiRequest("POST", "/print/jobs/a1/cancel").as("alice", Role.USER).pathParam("id", "a1"));
            assertEquals(STATUS.get(kind), e.status(), kind.name());
        }
    }

    @Test
    void aDeniedTestPrintIs403() {
        router.failWith = new PrintException(Kind.DENIED, "rule r1 denies");
        ApiException e = problem(route("POST", "/print/jobs"), submit().query("printer", "pdf.pdf"));

        assertEquals(403, e.status());
    }

    // --- policies

    @Test
    void aPolicyWithAnUnknownEffectIs400() {
        ApiException e = problem(route("PUT", "/print/policies/{name}"),
                putPolicy("r1", "{\"effect\":\"MAYBE\",\"users\":[\"alice\"]}"));

        assertEquals(400, e.status());
        assertTrue(e.detail().contains("MAYBE"), e.detail());
        assertTrue(policies.rules.isEmpty());
    }

    @Test
    void aPolicyWithoutEffectIs400() {
        assertEquals(400, problem(route("PUT", "/print/policies/{name}"), putPolicy("r1", "{\"order\":5}")).status());
    }

    @Test
    void aPolicyNamingAnotherRuleThanThePathIs400() {
        ApiException e = problem(route("PUT", "/print/policies/{name}"),
                putPolicy("r1", "{\"name\":\"r2\",\"effect\":\"ALLOW\"}"));

        assertEquals(400, e.status());
        assertTrue(policies.rules.isEmpty());
    }

    @Test
    void aPolicyBodyThatIsNotJsonIs400() {
        assertEquals(400, problem(route("PUT", "/print/policies/{name}"), putPolicy("r1", "{effect:")).status());
        assertEquals(400, problem(route("PUT", "/print/policies/{name}"), putPolicy("r1", "null")).status());
    }

    @Test
    void aRuleTheStoreFindsInvalidIs400() {
        policies.failWith = new PrintException(Kind.INVALID, "name: bad characters");
        ApiException e = problem(route("PUT", "/print/policies/{name}"), putPolicy("r 1", "{\"effect\":\"DENY\"}"));

        assertEquals(400, e.status());
        assertEquals("name: bad characters", e.detail());
    }

    @Test
    void aValidPolicyIsStoredWithDefaults() throws Exception {
        ApiResult result = route("PUT", "/print/policies/{name}").handler()
                .handle(putPolicy("r1", "{\"effect\":\" allow \",\"users\":[\"alice\"],\"printers\":[\"pdf.*\"]}"));

        assertEquals(200, result.status());
        PrintPolicyRule stored = policies.rules.get(0);
        assertEquals(new PrintPolicyRule("r1", 100, PrintPolicyRule.Effect.ALLOW, List.of("alice"), null, null,
                List.of("pdf.*"), null, false), stored);
        assertEquals("admin", policies.lastActor);
    }

    @Test
    void deletingAMissingRuleIs404() {
        ApiException e = problem(route("DELETE", "/print/policies/{name}"),
                new FakeApiRequest("DELETE", "/print/policies/nope").as("admin", Role.ADMIN).pathParam("name", "nope"));

        assertEquals(404, e.status());
    }

    @Test
    void readingAMissingRuleIs404() {
        ApiException e = problem(route("GET", "/print/policies/{name}"),
                new FakeApiRequest("GET", "/print/policies/nope").as("admin", Role.ADMIN).pathParam("name", "nope"));

        assertEquals(404, e.status());
    }

    private static FakeApiRequest putPolicy(String name, String json) {
        return new FakeApiRequest("PUT", "/print/policies/" + name).as("admin", Role.ADMIN).pathParam("name", name)
                .json(json);
    }

    // --- whose jobs

    @Test
    void aUserSeesOnlyTheirOwnJobs() throws Exception {
        ApiResult alice = route("GET", "/print/jobs").handler()
                .handle(new FakeApiRequest("GET", "/print/jobs").as("alice", Role.USER));
        ApiResult bob = route("GET", "/print/jobs").handler()
                .handle(new FakeApiRequest("GET", "/print/jobs").as("bob", Role.USER));

        assertEquals(List.of("a2", "a1"), ids(alice));
        assertEquals(List.of("b1"), ids(bob));
    }

    @Test
    void theLimitCountsOnlyTheUsersJobs() throws Exception {
        router.add(job("b2", "bob"));
        ApiResult alice = route("GET", "/print/jobs").handler()
                .handle(new FakeApiRequest("GET", "/print/jobs").as("alice", Role.USER).query("limit", "1"));

        assertEquals(List.of("a2"), ids(alice));
    }

    @Test
    void anOperatorSeesEveryonesJobs() throws Exception {
        ApiResult all = route("GET", "/print/jobs").handler()
                .handle(new FakeApiRequest("GET", "/print/jobs").as("olga", Role.OPERATOR));

        assertEquals(List.of("a2", "b1", "a1"), ids(all));
    }

    @Test
    void anotherUsersJobIsNotFoundAndCannotBeCancelled() throws Exception {
        assertEquals(404, problem(route("GET", "/print/jobs/{id}"),
                new FakeApiRequest("GET", "/print/jobs/b1").as("alice", Role.USER).pathParam("id", "b1")).status());
        assertEquals(404, problem(route("POST", "/print/jobs/{id}/cancel"),
                new FakeApiRequest("POST", "/print/jobs/b1/cancel").as("alice", Role.USER).pathParam("id", "b1"))
                .status());
        assertEquals(SpoolState.SPOOLED, router.job("b1").orElseThrow().state(), "bob's job was not cancelled");

        ApiResult own = route("POST", "/print/jobs/{id}/cancel").handler()
                .handle(new FakeApiRequest("POST", "/print/jobs/a1/cancel").as("alice", Role.USER).pathParam("id", "a1"));
        assertEquals("CANCELLED", ((PrintDtos.Job) own.json()).state());
    }

    @Test
    void badLimitsAre400() {
        for (String limit : List.of("0", "1001", "many", "-5")) {
            assertEquals(400, problem(route("GET", "/print/jobs"),
                    new FakeApiRequest("GET", "/print/jobs").as("olga", Role.OPERATOR).query("limit", limit)).status(),
                    limit);
        }
    }

    // --- test prints from a VM

    @Test
    void aTestPrintGoesThroughTheRouterAsTheVmsOwner() throws Exception {
        ApiResult result = route("POST", "/print/jobs").handler().handle(submit().query("printer", "pdf.pdf")
                .query("key", "test-1").header("Content-Type", "application/PDF; charset=binary")
                .body("%PDF-1.7".getBytes(StandardCharsets.US_ASCII)));

        assertEquals(201, result.status());
        SpooledJob spooled = router.job("test-1").orElseThrow();
        assertEquals("alice", spooled.context().user());
        assertEquals("finance", spooled.context().pool());
        assertEquals("qemu:" + VM_UUID, spooled.context().vmKey());
        assertEquals("application/pdf", spooled.request().documentFormat());
        assertEquals(8, spooled.bytes());
    }

    @Test
    void aTestPrintNeedsAVmAPrinterAValidKeyAndAnOwner() {
        Route submit = route("POST", "/print/jobs");
        assertEquals(400, problem(submit, new FakeApiRequest("POST", "/print/jobs").as("admin", Role.ADMIN)
                .query("printer", "pdf.pdf")).status());
        assertEquals(400, problem(submit, submit()).status());
        assertEquals(400, problem(submit, submit().query("printer", "pdf.pdf").query("key", "bad key")).status());
        assertEquals(404, problem(submit, new FakeApiRequest("POST", "/print/jobs").as("admin", Role.ADMIN)
                .query("vm", "nowhere:" + VM_UUID).query("printer", "pdf.pdf")).status());
        assertEquals(409, problem(submit, new FakeApiRequest("POST", "/print/jobs").as("admin", Role.ADMIN)
                .query("vm", "qemu:5a1e7f00-0000-4000-8000-000000000002").query("printer", "pdf.pdf")).status());
        assertTrue(router.submitted.isEmpty());
    }

    @Test
    void aVmsPrintersAreAskedForItsOwner() throws Exception {
        route("GET", "/print/vms/{connection}/{uuid}/printers").handler().handle(new FakeApiRequest("GET", "/print/vms")
                .as("olga", Role.OPERATOR).pathParam("connection", "qemu").pathParam("uuid", VM_UUID));

        assertEquals(new PrintingContext("qemu", VM_UUID, "desk-1", "finance", "alice"), router.askedFor);
    }

    private static FakeApiRequest submit() {
        return new FakeApiRequest("POST", "/print/jobs").as("admin", Role.ADMIN).query("vm", "qemu:" + VM_UUID);
    }

    // --- no router

    @Test
    void withoutRouterTheJobRoutesAre503() throws Exception {
        inject("router", null);
        inject("policies", null);

        assertEquals(503, problem(route("GET", "/print/jobs"),
                new FakeApiRequest("GET", "/print/jobs").as("alice", Role.USER)).status());
        assertEquals(503, problem(route("GET", "/print/jobs/{id}"),
                new FakeApiRequest("GET", "/print/jobs/a1").as("alice", Role.USER).pathParam("id", "a1")).status());
        assertEquals(503, problem(route("POST", "/print/jobs/{id}/cancel"),
                new FakeApiRequest("POST", "/print/jobs/a1/cancel").as("alice", Role.USER).pathParam("id", "a1"))
                .status());
        assertEquals(503, problem(route("POST", "/print/jobs"), submit().query("printer", "pdf.pdf")).status());
        assertEquals(503, problem(route("GET", "/print/vms/{connection}/{uuid}/printers"),
                new FakeApiRequest("GET", "/print/vms").as("olga", Role.OPERATOR).pathParam("connection", "qemu")
                        .pathParam("uuid", VM_UUID)).status());
        assertEquals(503, problem(route("GET", "/print/policies"),
                new FakeApiRequest("GET", "/print/policies").as("admin", Role.ADMIN)).status());
        assertEquals(503, problem(route("PUT", "/print/policies/{name}"), putPolicy("r1", "{\"effect\":\"ALLOW\"}"))
                .status());
    }

    @Test
    void withoutDriversTheHostPrinterListIsEmpty() throws Exception {
        ApiResult result = route("GET", "/print/printers").handler()
                .handle(new FakeApiRequest("GET", "/print/printers").as("olga", Role.OPERATOR));

        assertEquals(List.of(), result.json());
        assertNull(router.askedFor);
    }

    /** Jobs in a list, newest first; cancel ends them; {@link #failWith} makes every call fail. */
    private static final class ListRouter implements PrintRouter {
        final List<SpooledJob> jobs = new ArrayList<>();
        final List<String> submitted = new ArrayList<>();
        PrintException failWith;
        PrintingContext askedFor;

        void add(SpooledJob job) {
            jobs.removeIf(j -> j.id().equals(job.id()));
            jobs.add(0, job);
        }

        @Override
        public List<VmPrinter> printersFor(PrintingContext context) throws PrintException {
            askedFor = context;
            if (failWith != null) {
                throw failWith;
            }
            return List.of();
        }

        @Override
        public SpooledJob submit(PrintingContext context, String vmPrinterId, PrintJobRequest request,
                InputStream document, long declaredBytes) throws PrintException {
            if (failWith != null) {
                throw failWith;
            }
            long bytes;
            try {
                bytes = document.readAllBytes().length;
            } catch (IOException e) {
                throw new PrintException(Kind.FAILED, e.getMessage(), e);
            }
            Instant now = Instant.now();
            SpooledJob job = new SpooledJob(request.idempotencyKey(), context, vmPrinterId, request, bytes, "",
                    SpoolState.SPOOLED, "", 0, null, now, now);
            submitted.add(job.id());
            add(job);
            return job;
        }

        @Override
        public Optional<SpooledJob> job(String jobId) {
            return jobs.stream().filter(j -> j.id().equals(jobId)).findFirst();
        }

        @Override
        public List<SpooledJob> jobs(String vmKey, int limit) {
            return jobs.stream().filter(j -> vmKey == null || j.context().vmKey().equals(vmKey)).limit(limit).toList();
        }

        @Override
        public SpooledJob cancel(String jobId) throws PrintException {
            if (failWith != null) {
                throw failWith;
            }
            SpooledJob j = job(jobId).orElseThrow(() -> new PrintException(Kind.NOT_FOUND, jobId));
            SpooledJob cancelled = new SpooledJob(j.id(), j.context(), j.vmPrinterId(), j.request(), j.bytes(),
                    j.sha256(), SpoolState.CANCELLED, "by request", 0, null, j.created(), Instant.now());
            jobs.set(jobs.indexOf(j), cancelled);
            return cancelled;
        }
    }

    /** Rules in a list; {@link #failWith} makes writes fail. */
    private static final class ListPolicies implements PrintPolicies {
        final List<PrintPolicyRule> rules = new ArrayList<>();
        PrintException failWith;
        String lastActor;

        @Override
        public List<PrintPolicyRule> list() {
            return List.copyOf(rules);
        }

        @Override
        public PrintPolicyRule put(String actor, PrintPolicyRule rule) throws PrintException {
            if (failWith != null) {
                throw failWith;
            }
            lastActor = actor;
            rules.removeIf(r -> r.name().equals(rule.name()));
            rules.add(rule);
            return rule;
        }

        @Override
        public void delete(String actor, String name) throws PrintException {
            if (!rules.removeIf(r -> r.name().equals(name))) {
                throw new PrintException(Kind.NOT_FOUND, "no rule " + name);
            }
        }
    }
}
