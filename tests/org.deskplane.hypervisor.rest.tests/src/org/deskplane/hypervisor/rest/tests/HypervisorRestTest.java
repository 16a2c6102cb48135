package org.deskplane.hypervisor.rest.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;

import org.deskplane.hypervisor.api.HypervisorConnection;
import org.deskplane.hypervisor.api.VmInfo;
import org.deskplane.hypervisor.api.VmState;
import org.deskplane.model.HostState;
import org.deskplane.model.Inventory;
import org.deskplane.model.store.ModelStore;
import org.deskplane.rest.api.ApiException;
import org.deskplane.rest.api.ApiResource;
import org.deskplane.rest.api.ApiResult;
import org.deskplane.rest.api.Route;
import org.deskplane.rest.testing.FakeApiRequest;
import org.deskplane.security.api.Role;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.util.tracker.ServiceTracker;

/** The hypervisor routes over the real libvirt provider (test:/// node), and a hot swap of that provider. */
class HypervisorRestTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final String ID = "rest-lab";
    private static final String UUID = "44444444-0000-4000-8000-000000000001";
    private static BundleContext context;
    private static Configuration configuration;
    private static ServiceTracker<ApiResource, ApiResource> resources;

    @BeforeAll
    static void setUp() throws Exception {
        context = FrameworkUtil.getBundle(HypervisorRestTest.class).getBundleContext();
        Path dir = Files.createDirectories(Path.of(System.getProperty("deskplane.test.dir")));
        Path node = dir.resolve("rest-node.xml");
        Files.writeString(node, """
                <node>
                  <domain type='test'>
                    <name>rest-desk</name><uuid>UUID</uuid><memory unit='MiB'>512</memory><vcpu>1</vcpu>
                    <os><type>hvm</type></os>
                    <devices><disk type='file' device='cdrom'><target dev='hdc' bus='ide'/><readonly/></disk></devices>
                  </domain>
                </node>
                """.replace("UUID", UUID));
        ConfigurationAdmin admin = await(ConfigurationAdmin.class, null);
        configuration = admin.getFactoryConfiguration("org.deskplane.hypervisor.libvirt.connection", ID, "?");
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put("connection.id", ID);
        properties.put("uri", "test://" + node);
        properties.put("reconnect.initial.millis", 100L);
        configuration.update(properties);
        resources = new ServiceTracker<>(context, context.createFilter("(&(objectClass=" + ApiResource.class.getName()
                + ")(" + ApiResource.NAME_PROPERTY + "=hypervisor))"), null);
        resources.open();
        waitFor("rest-lab connected", () -> connectionState().equals("CONNECTED"));
    }

    @AfterAll
    static void tearDown() throws Exception {
        configuration.delete();
        resources.close();
    }

    static <T> T await(Class<T> type, String filter) throws Exception {
        ServiceTracker<T, T> tracker = filter == null ? new ServiceTracker<>(context, type, null)
                : new ServiceTracker<>(context, context.createFilter(filter), null);
        tracker.open();
        T service = tracker.waitForService(TIMEOUT.toMillis());
        assertNotNull(service, "no " + type.getSimpleName() + " within " + TIMEOUT);
        return service;
    }

    interface Check {
        boolean ok() throws Exception;
    }

    static void waitFor(String what, Check check) throws Exception {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (true) {
            try {
                if (check.ok()) {
                    return;
                }
            } catch (Exception | AssertionError e) {
                // not yet
            }
            if (System.nanoTime() > deadline) {
                fail("timed out waiting for " + what);
            }
            Thread.sleep(50);
        }
    }

    static ApiResult call(String method, String template, Role role, Map<String, String> params, Object body)
            throws Exception {
        ApiResource resource = resources.waitForService(TIMEOUT.toMillis());
        assertNotNull(resource, "no hypervisor ApiResource");
        Route route = resource.routes().stream().filter(r -> r.method().equals(method) && r.path().equals(template))
                .findFirst().orElseThrow(() -> new AssertionError("no route " + method + " " + template));
        FakeApiRequest request = new FakeApiRequest(method, template).as("tester", role);
        params.forEach(request::pathParam);
        if (body != null) {
            request.json(body);
        }
        return route.handler().handle(request);
    }

    @SuppressWarnings("unchecked")
    static String connectionState() throws Exception {
        List<Object> list = (List<Object>) call("GET", "/hypervisor/connections", Role.USER, Map.of(), null).json();
        return list.stream().filter(c -> c.toString().contains("id=" + ID + ",")).map(Object::toString).findFirst()
                .map(s -> s.replaceAll(".*state=([A-Z]+).*", "$1")).orElse("ABSENT");
    }

    private static final Map<String, String> VM = Map.of("connection", ID, "uuid", UUID);

    @Test
    void listsConnectionsAndVms() throws Exception {
        assertEquals("CONNECTED", connectionState());
        @SuppressWarnings("unchecked")
        List<VmInfo> vms = (List<VmInfo>) call("GET", "/hypervisor/vms", Role.USER, Map.of(), null).json();
        assertTrue(vms.stream().anyMatch(vm -> vm.name().equals("rest-desk")));
        VmInfo one = (VmInfo) call("GET", "/hypervisor/vms/{connection}/{uuid}", Role.USER, VM, null).json();
        assertEquals("rest-desk", one.name());
    }

    @Test
    void actionsChangeTheVm() throws Exception {
        ApiResult suspended = call("POST", "/hypervisor/vms/{connection}/{uuid}/suspend", Role.OPERATOR, VM, null);
        assertEquals(VmState.PAUSED, ((VmInfo) suspended.json()).state());
        ApiResult resumed = call("POST", "/hypervisor/vms/{connection}/{uuid}/resume", Role.OPERATOR, VM, null);
        assertEquals(VmState.RUNNING, ((VmInfo) resumed.json()).state());
        assertEquals(204, call("PUT", "/hypervisor/vms/{connection}/{uuid}/metadata", Role.OPERATOR, VM,
                Map.of("pool", "finance")).status());
        assertEquals(Map.of("pool", "finance"),
                call("GET", "/hypervisor/vms/{connection}/{uuid}/metadata", Role.USER, VM, null).json());
    }

    @Test
    void refusedAndWrongRequestsAreProblems() throws Exception {
        ApiException refused = assertThrows(ApiException.class, () -> call("POST",
                "/hypervisor/vms/{connection}/{uuid}/media/{target}", Role.OPERATOR,
                Map.of("connection", ID, "uuid", UUID, "target", "hdc"), Map.of("path", "/tmp/x.iso")));
        assertEquals(501, refused.status());
        assertEquals("Not supported by this hypervisor", refused.title());
        ApiException unknown = assertThrows(ApiException.class, () -> call("GET", "/hypervisor/vms/{connection}/{uuid}",
                Role.USER, Map.of("connection", "nowhere", "uuid", UUID), null));
        assertEquals(404, unknown.status());
        ApiException noVm = assertThrows(ApiException.class, () -> call("POST", "/hypervisor/vms/{connection}/{uuid}/start",
                Role.OPERATOR, Map.of("connection", ID, "uuid", "99999999-0000-4000-8000-000000000000"), null));
        assertEquals(404, noVm.status());
        ApiException noPath = assertThrows(ApiException.class, () -> call("POST",
                "/hypervisor/vms/{connection}/{uuid}/media/{target}", Role.OPERATOR,
                Map.of("connection", ID, "uuid", UUID, "target", "hdc"), Map.of()));
        assertEquals(400, noPath.status());
        ApiException running = assertThrows(ApiException.class,
                () -> call("POST", "/hypervisor/vms/{connection}/{uuid}/start", Role.OPERATOR, VM, null));
        assertEquals(409, running.status());
    }

    @Test
    void rolesAreDeclaredPerRoute() throws Exception {
        ApiResource resource = resources.waitForService(TIMEOUT.toMillis());
        for (Route route : resource.routes()) {
            Role expected = route.method().equals("GET") ? Role.USER
                    : route.path().equals("/hypervisor/connections/{connection}/vms")
                            || (route.method().equals("DELETE") && route.path().equals("/hypervisor/vms/{connection}/{uuid}"))
                                    ? Role.ADMIN : Role.OPERATOR;
            assertEquals(expected, route.minimumRole(), route.method() + " " + route.path());
        }
    }

    /** Stop and start the libvirt provider while another thread keeps reading the inventory and the routes. */
    @Test
    void providerHotSwapWhileTheInventoryIsRead() throws Exception {
        ModelStore store = await(ModelStore.class, null);
        Bundle provider = java.util.Arrays.stream(context.getBundles())
                .filter(b -> b.getSymbolicName().equals("org.deskplane.hypervisor.libvirt")).findFirst().orElseThrow();
        List<Throwable> errors = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.concurrent.atomic.AtomicInteger reads = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicBoolean running = new java.util.concurrent.atomic.AtomicBoolean(true);
        Thread reader = new Thread(() -> {
            while (running.get()) {
                try {
                    Inventory inventory = store.load(ModelStore.INVENTORY, Inventory.class);
                    // the host stays in the inventory throughout: connected, or marked disconnected while away
                    if (inventory.getHosts().stream().noneMatch(h -> ID.equals(h.getName()))) {
                        errors.add(new AssertionError("host vanished from the inventory"));
                    }
                    call("GET", "/hypervisor/connections", Role.USER, Map.of(), null);
                    call("GET", "/hypervisor/vms", Role.USER, Map.of(), null);
                    reads.incrementAndGet();
                } catch (Throwable e) {
                    errors.add(e);
                }
            }
        }, "inventory-reader");
        reader.start();
        try {
            for (int round = 0; round < 3; round++) {
                provider.stop();
                waitFor("host marked disconnected", () -> store.load(ModelStore.INVENTORY, Inventory.class).getHosts()
                        .stream().anyMatch(h -> ID.equals(h.getName()) && h.getState() == HostState.DISCONNECTED));
                assertEquals("ABSENT", connectionState(), "connection service still there while the provider is stopped");
                provider.start();
                waitFor("connection back", () -> connectionState().equals("CONNECTED"));
                waitFor("host connected again", () -> store.load(ModelStore.INVENTORY, Inventory.class).getHosts()
                        .stream().anyMatch(h -> ID.equals(h.getName()) && h.getState() == HostState.CONNECTED));
            }
        } finally {
            running.set(false);
            reader.join(10_000);
        }
        assertTrue(errors.isEmpty(), "reader saw errors: " + errors);
        assertTrue(reads.get() > 10, "reader made only " + reads.get() + " reads");
        assertFalse(reader.isAlive());
    }
}
