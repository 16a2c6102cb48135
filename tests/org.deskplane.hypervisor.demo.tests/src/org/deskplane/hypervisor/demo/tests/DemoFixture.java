package org.deskplane.hypervisor.demo.tests;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

import org.deskplane.model.Host;
import org.deskplane.model.Inventory;
import org.deskplane.model.VirtualMachine;
import org.deskplane.model.store.ModelStore;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;
import org.osgi.util.tracker.ServiceTracker;

/** Waits (with deadlines) for what the demo bundle and the libvirt provider do, and restarts the demo bundle. */
final class DemoFixture {

    static final String FACTORY_PID = "org.deskplane.hypervisor.libvirt.connection";
    static final String DEMO_BUNDLE = "org.deskplane.hypervisor.demo";
    static final String COMPONENT = "org.deskplane.hypervisor.demo.internal.DemoInventoryComponent";
    static final List<String> DEMO_HOSTS = List.of("demo-1", "demo-2", "demo-3");
    static final Duration TIMEOUT = Duration.ofSeconds(30);

    private DemoFixture() {
    }

    static BundleContext context() {
        return FrameworkUtil.getBundle(DemoFixture.class).getBundleContext();
    }

    static Path demoDir() {
        return Path.of(System.getProperty("deskplane.data")).toAbsolutePath().resolve("demo");
    }

    static Path images() {
        return demoDir().resolve("images");
    }

    static Path marker() {
        return demoDir().resolve(".created");
    }

    static <T> T service(Class<T> type) throws InterruptedException {
        ServiceTracker<T, T> tracker = new ServiceTracker<>(context(), type, null);
        tracker.open();
        T service = tracker.waitForService(TIMEOUT.toMillis());
        assertNotNull(service, "no " + type.getSimpleName() + " service within " + TIMEOUT);
        return service;
    }

    /** Every libvirt connection configuration. */
    static List<Configuration> connections() throws Exception {
        Configuration[] found = service(ConfigurationAdmin.class)
                .listConfigurations("(service.factoryPid=" + FACTORY_PID + ")");
        return found == null ? List.of() : List.of(found);
    }

    static List<String> connectionIds() throws Exception {
        List<String> ids = new ArrayList<>();
        for (Configuration configuration : connections()) {
            ids.add(String.valueOf(configuration.getProperties().get("connection.id")));
        }
        return ids.stream().sorted().toList();
    }

    static Inventory inventory() throws Exception {
        return service(ModelStore.class).load(ModelStore.INVENTORY, Inventory.class);
    }

    static Inventory inventoryWhere(String what, Predicate<Inventory> condition) throws Exception {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        Inventory inventory;
        do {
            inventory = inventory();
            if (condition.test(inventory)) {
                return inventory;
            }
            Thread.sleep(50);
        } while (System.nanoTime() < deadline);
        fail("inventory never showed: " + what);
        return null;
    }

    /** The inventory once it shows all demo hosts with their four desktops each. */
    static Inventory demoInventory() throws Exception {
        return inventoryWhere("the three demo hosts with four VMs each",
                inv -> DEMO_HOSTS.stream().allMatch(id -> host(inv, id) != null && host(inv, id).getVirtualMachines().size() == 4));
    }

    static Host host(Inventory inventory, String name) {
        return inventory.getHosts().stream().filter(h -> name.equals(h.getName())).findFirst().orElse(null);
    }

    static VirtualMachine vm(Inventory inventory, String host, String name) {
        Host h = host(inventory, host);
        assertNotNull(h, "no host " + host);
        return h.getVirtualMachines().stream().filter(vm -> name.equals(vm.getName())).findFirst()
                .orElseThrow(() -> new AssertionError("no VM " + name + " on " + host));
    }

    static void waitFor(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("timed out waiting for: " + what);
            }
            Thread.sleep(50);
        }
    }

    static Bundle demoBundle() {
        for (Bundle bundle : context().getBundles()) {
            if (DEMO_BUNDLE.equals(bundle.getSymbolicName())) {
                return bundle;
            }
        }
        throw new AssertionError("demo bundle not installed");
    }

    /**
     * Stops and starts the demo bundle (a server restart, as far as the demo is concerned) and waits until its
     * component is active again: it does its work while activating, so then the work is done.
     */
    static void restartDemo() throws Exception {
        Bundle bundle = demoBundle();
        bundle.stop();
        bundle.start();
        ServiceComponentRuntime scr = service(ServiceComponentRuntime.class);
        waitFor("demo component active again", () -> {
            ComponentDescriptionDTO description = scr.getComponentDescriptionDTO(bundle, COMPONENT);
            return description != null && scr.getComponentConfigurationDTOs(description).stream()
                    .anyMatch(c -> c.state == ComponentConfigurationDTO.ACTIVE);
        });
    }

    /** Back to a server that never had the demo: no connections, no marker; then a first start. */
    static void freshFirstStart() throws Exception {
        for (Configuration configuration : connections()) {
            configuration.delete();
        }
        java.nio.file.Files.deleteIfExists(marker());
        restartDemo();
        waitFor("demo connections configured again", () -> {
            try {
                return connectionIds().equals(DEMO_HOSTS);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }
}
