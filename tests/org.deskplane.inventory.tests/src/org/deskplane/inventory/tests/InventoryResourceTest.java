package org.deskplane.inventory.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.deskplane.model.DeskplaneFactory;
import org.deskplane.model.Device;
import org.deskplane.model.DeviceKind;
import org.deskplane.model.Disk;
import org.deskplane.model.DiskFormat;
import org.deskplane.model.Host;
import org.deskplane.model.HostState;
import org.deskplane.model.Inventory;
import org.deskplane.model.VirtualMachine;
import org.deskplane.model.VmState;
import org.deskplane.model.store.ModelStore;
import org.deskplane.rest.api.ApiResource;
import org.deskplane.rest.api.ApiResult;
import org.deskplane.rest.testing.FakeApiRequest;
import org.deskplane.rest.api.Route;
import org.deskplane.security.api.Role;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceReference;
import org.osgi.util.tracker.ServiceTracker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The {@code inventory} ApiResource, found as a service, answers with what the ModelStore service holds. */
class InventoryResourceTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static ServiceTracker<ApiResource, ApiResource> resources;
    private static ServiceTracker<ModelStore, ModelStore> stores;
    private static ApiResource resource;
    private static ModelStore store;

    @BeforeAll
    static void waitForServices() throws Exception {
        BundleContext context = FrameworkUtil.getBundle(InventoryResourceTest.class).getBundleContext();
        resources = new ServiceTracker<>(context,
                context.createFilter("(&(objectClass=" + ApiResource.class.getName() + ")("
                        + ApiResource.NAME_PROPERTY + "=inventory))"),
                null);
        resources.open();
        stores = new ServiceTracker<>(context, ModelStore.class, null);
        stores.open();
        store = stores.waitForService(20_000);
        assertNotNull(store, "no ModelStore service within 20 s");
        resource = resources.waitForService(20_000);
        assertNotNull(resource, "no ApiResource named inventory within 20 s");
        store.save(ModelStore.INVENTORY, sampleInventory());
    }

    @AfterAll
    static void close() {
        resources.close();
        stores.close();
    }

    private static Inventory sampleInventory() {
        DeskplaneFactory f = DeskplaneFactory.eINSTANCE;
        Inventory inventory = f.createInventory();
        for (String name : List.of("alpha", "beta")) {
            Host host = f.createHost();
            host.setName(name);
            host.setUri("qemu+ssh://" + name + "/system");
            host.setState(HostState.CONNECTED);
            inventory.getHosts().add(host);
        }
        for (int i = 1; i <= 3; i++) {
            VirtualMachine vm = f.createVirtualMachine();
            vm.setId("vm-uuid-" + i);
            vm.setName("desktop-" + i);
            vm.setState(i == 3 ? VmState.SUSPENDED : VmState.RUNNING);
            vm.setVcpus(i);
            vm.setMemoryMiB(2048);
            vm.setHost(inventory.getHosts().get(i % 2));
            Disk disk = f.createDisk();
            disk.setPath("/images/desktop-" + i + ".qcow2");
            disk.setFormat(DiskFormat.QCOW2);
            disk.setTarget("vda");
            vm.getDisks().add(disk);
            Device cdrom = f.createDevice();
            cdrom.setKind(DeviceKind.CDROM);
            cdrom.setTarget("hdc");
            vm.getDevices().add(cdrom);
            vm.getTags().add("pool-a");
            vm.getMetadata().put("owner", "user" + i);
            inventory.getVirtualMachines().add(vm);
        }
        return inventory;
    }

    /** Calls the route as the dispatcher would, and renders its body with Jackson as the dispatcher does. */
    private static JsonNode get(String path) throws Exception {
        Route route = resource.routes().stream()
                .filter(r -> r.method().equals("GET") && r.path().equals(path)).findFirst()
                .orElseThrow(() -> new AssertionError("no route GET " + path));
        assertEquals(Role.USER, route.minimumRole(), path);
        ApiResult result = route.handler().handle(new FakeApiRequest("GET", path).as("ursula", Role.USER));
        assertEquals(200, result.status());
        return JSON.valueToTree(result.json());
    }

    @Test
    void hostsAreTheStoredHosts() throws Exception {
        JsonNode hosts = get("/inventory/hosts");
        assertEquals(2, hosts.size());
        assertEquals("alpha", hosts.get(0).get("name").asText());
        assertEquals("qemu+ssh://beta/system", hosts.get(1).get("uri").asText());
        assertEquals("CONNECTED", hosts.get(0).get("state").asText());
        assertEquals("vm-uuid-2", hosts.get(0).get("virtualMachines").get(0).asText());
    }

    @Test
    void vmsAreTheStoredVirtualMachines() throws Exception {
        JsonNode vms = get("/inventory/vms");
        assertEquals(3, vms.size());
        JsonNode third = vms.get(2);
        assertEquals("vm-uuid-3", third.get("id").asText());
        assertEquals("desktop-3", third.get("name").asText());
        assertEquals("SUSPENDED", third.get("state").asText());
        assertEquals("beta", third.get("host").asText());
        assertEquals("qcow2", third.get("disks").get(0).get("format").asText());
        assertEquals("CDROM", third.get("devices").get(0).get("kind").asText());
        assertEquals("user3", third.get("metadata").get("owner").asText());
        assertEquals("pool-a", third.get("tags").get(0).asText());
    }

    @Test
    void summaryCountsAndNamesTheBundleThatAnswered() throws Exception {
        JsonNode summary = get("/inventory/summary");
        assertEquals(2, summary.get("hosts").asInt());
        assertEquals(3, summary.get("vms").asInt());
        ServiceReference<ApiResource> reference = resources.getServiceReference();
        assertEquals("org.deskplane.inventory", summary.get("provider").get("bundle").asText());
        assertEquals(reference.getBundle().getVersion().toString(), summary.get("provider").get("version").asText());
    }

    @Test
    void answersFollowTheStore() throws Exception {
        Inventory changed = store.load(ModelStore.INVENTORY, Inventory.class);
        changed.getVirtualMachines().remove(0);
        store.save(ModelStore.INVENTORY, changed);
        try {
            assertEquals(2, get("/inventory/summary").get("vms").asInt());
            assertTrue(get("/inventory/vms").findValuesAsText("id").stream().noneMatch("vm-uuid-1"::equals));
        } finally {
            store.save(ModelStore.INVENTORY, sampleInventory());
        }
    }
}
