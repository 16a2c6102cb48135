package org.deskplane.bundles.rest.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;

import org.deskplane.bundles.api.BundleInfo;
import org.deskplane.bundles.api.BundleManager;
import org.deskplane.bundles.api.BundleOperationException;
import org.deskplane.bundles.api.BundleOperationException.Kind;
import org.deskplane.bundles.api.FeatureInfo;
import org.deskplane.rest.testing.FakeApiRequest;
import org.deskplane.rest.api.ApiException;
import org.deskplane.rest.api.ApiResource;
import org.deskplane.rest.api.ApiResult;
import org.deskplane.rest.api.Route;
import org.deskplane.security.api.AuditEvent;
import org.deskplane.security.api.AuditEvent.Result;
import org.deskplane.security.api.AuditLog;
import org.deskplane.security.api.Role;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceRegistration;
import org.osgi.util.tracker.ServiceTracker;

/** The real {@code bundles} ApiResource component, wired by DS to a fake BundleManager and AuditLog. */
class BundlesApiResourceTest {
    private static final String FILTER = "(&(objectClass=" + ApiResource.class.getName() + ")("
            + ApiResource.NAME_PROPERTY + "=bundles))";

    private final FakeBundleManager manager = new FakeBundleManager();
    private final RecordingAuditLog audit = new RecordingAuditLog();
    private ServiceRegistration<BundleManager> managerRegistration;
    private ServiceRegistration<AuditLog> auditRegistration;
    private ApiResource resource;

    @BeforeEach
    void register() throws Exception {
        BundleContext context = FrameworkUtil.getBundle(getClass()).getBundleContext();
        Dictionary<String, Object> ranking = new Hashtable<>(Map.of(Constants.SERVICE_RANKING, 1000));
        managerRegistration = context.registerService(BundleManager.class, manager, ranking);
        auditRegistration = context.registerService(AuditLog.class, audit, ranking);
        ServiceTracker<ApiResource, ApiResource> tracker = new ServiceTracker<>(context, context.createFilter(FILTER), null);
        tracker.open();
        try {
            resource = tracker.waitForService(30_000);
        } finally {
            tracker.close();
        }
        assertTrue(resource != null, "no bundles ApiResource within 30 s");
    }

    @AfterEach
    void unregister() {
        auditRegistration.unregister();
        managerRegistration.unregister();
    }

    @Test
    void readRoutesNeedOperatorAndWriteRoutesNeedAdmin() {
        for (Route route : resource.routes()) {
            Role expected = route.method().equals("GET") ? Role.OPERATOR : Role.ADMIN;
            assertEquals(expected, route.minimumRole(), route.method() + " " + route.path());
        }
        List<String> paths = resource.routes().stream().map(r -> r.method() + " " + r.path()).toList();
        assertTrue(paths.containsAll(List.of("GET /bundles", "POST /bundles", "POST /bundles/{id}/start",
                "POST /bundles/{id}/stop", "POST /bundles/{id}/update", "DELETE /bundles/{id}", "GET /features",
                "POST /features", "DELETE /features/{id}")), paths.toString());
    }

    @Test
    void listsBundlesAndFeatures() throws Exception {
        ApiResult bundles = handle("GET", "/bundles", request("GET", "/bundles"));
        assertEquals(200, bundles.status());
        assertEquals(2, ((List<?>) bundles.json()).size());
        ApiResult features = handle("GET", "/features", request("GET", "/features"));
        assertEquals("f", ((List<?>) features.json()).stream().map(f -> ((FeatureInfo) f).id()).findFirst().orElseThrow());
        assertTrue(audit.events.isEmpty(), "reads are not audited");
    }

    @Test
    void installsAJarAndAuditsIt() throws Exception {
        byte[] jar = { 'P', 'K', 3, 4 };
        ApiResult result = handle("POST", "/bundles",
                request("POST", "/bundles").query("start", "true").body(jar));
        assertEquals(201, result.status());
        assertEquals(7, ((BundleInfo) result.json()).id());
        assertEquals("/api/bundles/7", result.headers().get("Location"));
        assertEquals(List.of("install start=true"), manager.calls);
        assertArrayEquals(jar, manager.lastJar);
        AuditEvent event = audit.last();
        assertEquals("alice", event.actor());
        assertEquals("bundle.install", event.action());
        assertEquals(Result.SUCCESS, event.result());
        assertEquals("192.0.2.7", event.source());
        assertTrue(event.target().contains("org.example.b7"), event.target());
    }

    @Test
    void startStopUpdateAndUninstall() throws Exception {
        assertEquals(200, handle("POST", "/bundles/{id}/start", bundleRequest("POST", "5")).status());
        assertEquals(200, handle("POST", "/bundles/{id}/stop", bundleRequest("POST", "5")).status());
        assertEquals(200, handle("POST", "/bundles/{id}/update", bundleRequest("POST", "5")).status());
        assertNull(manager.lastJar, "an empty body updates from the bundle's location");
        handle("POST", "/bundles/{id}/update", bundleRequest("POST", "5").body(new byte[] { 1, 2 }));
        assertArrayEquals(new byte[] { 1, 2 }, manager.lastJar);
        assertEquals(204, handle("DELETE", "/bundles/{id}", bundleRequest("DELETE", "5")).status());
        assertEquals(List.of("start 5", "stop 5", "update 5 from location", "update 5 from jar", "uninstall 5"), manager.calls);
        assertEquals(List.of("bundle.start", "bundle.stop", "bundle.update", "bundle.update", "bundle.uninstall"),
                audit.events.stream().map(AuditEvent::action).toList());
        assertTrue(audit.events.stream().allMatch(e -> e.result() == Result.SUCCESS && e.actor().equals("alice")));
    }

    @Test
    void mapsEveryFailureKindToItsStatusAndAuditsTheFailure() throws Exception {
        Map<Kind, Integer> expected = Map.of(Kind.NOT_FOUND, 404, Kind.INVALID, 400, Kind.VERIFICATION_FAILED, 422,
                Kind.CONFLICT, 409, Kind.FAILED, 500);
        for (Map.Entry<Kind, Integer> entry : expected.entrySet()) {
            manager.failure = new BundleOperationException(entry.getKey(), "because " + entry.getKey());
            ApiException problem = assertThrows(ApiException.class,
                    () -> handle("POST", "/bundles/{id}/start", bundleRequest("POST", "3")));
            assertEquals(entry.getValue(), problem.status(), entry.getKey().toString());
            assertEquals("because " + entry.getKey(), problem.detail());
            AuditEvent event = audit.last();
            assertEquals(Result.FAILURE, event.result());
            assertEquals("bundle.start", event.action());
            assertTrue(event.detail().contains(String.valueOf(entry.getValue())), event.detail());
        }
    }

    @Test
    void rejectsBadBundleIds() {
        ApiException problem = assertThrows(ApiException.class,
                () -> handle("POST", "/bundles/{id}/stop", bundleRequest("POST", "abc")));
        assertEquals(400, problem.status());
        assertEquals(List.of(), manager.calls);
        ApiException missing = assertThrows(ApiException.class,
                () -> handle("GET", "/bundles/{id}", bundleRequest("GET", "99")));
        assertEquals(404, missing.status());
    }

    @Test
    void installsAndUninstallsFeatures() throws Exception {
        ApiResult created = handle("POST", "/features", request("POST", "/features")
                .json(Map.of("repository", "file:/srv/repo", "featureId", "org.example.feature")));
        assertEquals(201, created.status());
        assertEquals("org.example.feature", ((FeatureInfo) created.json()).id());
        assertEquals(204, handle("DELETE", "/features/{id}",
                request("DELETE", "/features/org.example.feature").pathParam("id", "org.example.feature")).status());
        assertEquals(List.of("installFeature file:/srv/repo org.example.feature null", "uninstallFeature org.example.feature"),
                manager.calls);
        assertEquals(List.of("feature.install", "feature.uninstall"), audit.events.stream().map(AuditEvent::action).toList());
        assertEquals("org.example.feature", audit.last().target());
    }

    @Test
    void rejectsBadFeatureRequests() {
        assertEquals(400, assertThrows(ApiException.class, () -> handle("POST", "/features",
                request("POST", "/features").json(Map.of("repository", "file:/srv/repo")))).status());
        assertEquals(400, assertThrows(ApiException.class, () -> handle("POST", "/features",
                request("POST", "/features").json(Map.of("repository", "relative/path", "featureId", "x")))).status());
        assertEquals(400, assertThrows(ApiException.class, () -> handle("POST", "/features",
                request("POST", "/features").json(Map.of("repository", "file:/a b", "featureId", "x")))).status());
        assertEquals(List.of(), manager.calls);
    }

    @Test
    void keepsWorkingWithoutAnAuditLogAndRebindsWhenOneReturns() throws Exception {
        auditRegistration.unregister();
        assertEquals(200, handle("POST", "/bundles/{id}/start", bundleRequest("POST", "4")).status());
        assertTrue(audit.events.isEmpty(), "nothing to record into while the audit log is away");

        RecordingAuditLog replacement = new RecordingAuditLog();
        auditRegistration = FrameworkUtil.getBundle(getClass()).getBundleContext()
                .registerService(AuditLog.class, replacement, new Hashtable<>());
        assertEquals(200, handle("POST", "/bundles/{id}/stop", bundleRequest("POST", "4")).status());
        assertEquals("bundle.stop", replacement.last().action(), "the dynamic reference picked up the new log");
    }

    private static FakeApiRequest bundleRequest(String method, String id) {
        return request(method, "/bundles/" + id).pathParam("id", id);
    }

    private ApiResult handle(String method, String path, FakeApiRequest request) throws Exception {
        Route route = resource.routes().stream().filter(r -> r.method().equals(method) && r.path().equals(path))
                .findFirst().orElseThrow(() -> new AssertionError("no route " + method + " " + path));
        return route.handler().handle(request);
    }

    /** What the dispatcher hands a handler for admin "alice". */
    private static FakeApiRequest request(String method, String path) {
        return new FakeApiRequest(method, path).as("alice", Role.ADMIN).from("192.0.2.7");
    }
}
