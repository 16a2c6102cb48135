package org.deskplane.diagnostics.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import org.deskplane.rest.api.ApiResource;
import org.deskplane.rest.api.ApiResult;
import org.deskplane.rest.testing.FakeApiRequest;
import org.deskplane.rest.api.Route;
import org.deskplane.security.api.Role;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;

/** The real {@code diagnostics} ApiResource component, found as a service and called as the dispatcher would. */
class DiagnosticsApiResourceTest {
    private static final String FILTER = "(&(objectClass=" + ApiResource.class.getName() + ")("
            + ApiResource.NAME_PROPERTY + "=diagnostics))";

    private static BundleContext context;
    private static ServiceTracker<ApiResource, ApiResource> tracker;
    private static ApiResource resource;

    @BeforeAll
    static void waitForResource() throws Exception {
        context = FrameworkUtil.getBundle(DiagnosticsApiResourceTest.class).getBundleContext();
        tracker = new ServiceTracker<>(context, context.createFilter(FILTER), null);
        tracker.open();
        resource = tracker.waitForService(30_000);
        assertNotNull(resource, "no ApiResource named diagnostics within 30 s");
    }

    @AfterAll
    static void close() {
        tracker.close();
    }

    private static Route diagnosticsRoute() {
        List<Route> routes = resource.routes();
        assertEquals(1, routes.size(), routes.toString());
        Route route = routes.get(0);
        assertEquals("GET", route.method());
        assertEquals("/diagnostics", route.path());
        return route;
    }

    @Test
    void routeRequiresOperator() {
        assertEquals(Role.OPERATOR, diagnosticsRoute().minimumRole());
    }

    @Test
    void answersWithLiveJvmThreadAndBundleCounts() throws Exception {
        ApiResult result = diagnosticsRoute().handler().handle(new FakeApiRequest("GET", "/diagnostics").as("olivia", Role.OPERATOR));
        assertEquals(200, result.status());
        Map<?, ?> body = assertInstanceOf(Map.class, result.json());

        Map<?, ?> jvm = assertInstanceOf(Map.class, body.get("jvm"));
        assertTrue(number(jvm, "heapUsed") > 0, "heapUsed " + jvm.get("heapUsed"));
        assertTrue(number(jvm, "uptimeMillis") > 0, "uptimeMillis " + jvm.get("uptimeMillis"));
        assertEquals(Runtime.version().toString(), jvm.get("version"));
        assertTrue(number(body, "threads") > 0, "threads " + body.get("threads"));
        // tests in this class run one after another, and the one that installs a bundle removes it again
        assertEquals(context.getBundles().length, number(body, "bundles"));
    }

    @Test
    void bundleCountFollowsTheFramework() throws Exception {
        Route route = diagnosticsRoute();
        long before = bundles(route);
        Bundle extra = context.installBundle("deskplane-test:diagnostics-extra", manifestOnlyJar());
        try {
            assertEquals(before + 1, bundles(route), "a cached answer, not a fresh count");
        } finally {
            extra.uninstall();
        }
        assertEquals(before, bundles(route));
    }

    private static long bundles(Route route) throws Exception {
        Map<?, ?> body = assertInstanceOf(Map.class, route.handler().handle(new FakeApiRequest("GET", "/diagnostics").as("olivia", Role.OPERATOR)).json());
        return number(body, "bundles");
    }

    /** The smallest installable bundle: a jar with nothing but a manifest. */
    private static InputStream manifestOnlyJar() throws IOException {
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.putValue("Bundle-ManifestVersion", "2");
        main.putValue("Bundle-SymbolicName", "org.deskplane.diagnostics.tests.extra");
        main.putValue("Bundle-Version", "1.0.0");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        new JarOutputStream(bytes, manifest).close();
        return new ByteArrayInputStream(bytes.toByteArray());
    }

    private static long number(Map<?, ?> map, String key) {
        return assertInstanceOf(Number.class, map.get(key), key).longValue();
    }
}
