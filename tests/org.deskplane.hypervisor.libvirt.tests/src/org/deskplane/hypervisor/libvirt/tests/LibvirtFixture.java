package org.deskplane.hypervisor.libvirt.tests;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Hashtable;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

import org.deskplane.hypervisor.api.ConnectionStatus;
import org.deskplane.hypervisor.api.HypervisorConnection;
import org.deskplane.hypervisor.api.HypervisorEvents;
import org.deskplane.model.Inventory;
import org.deskplane.model.store.ModelStore;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;
import org.osgi.util.tracker.ServiceTracker;

/** Creates libvirt connections through ConfigurationAdmin and waits (with deadlines) for what they do. */
final class LibvirtFixture {

    static final String FACTORY_PID = "org.deskplane.hypervisor.libvirt.connection";
    static final Duration TIMEOUT = Duration.ofSeconds(30);

    static BundleContext context() {
        return FrameworkUtil.getBundle(LibvirtFixture.class).getBundleContext();
    }

    static Path testDir() throws IOException {
        return Files.createDirectories(Path.of(System.getProperty("deskplane.test.dir",
                System.getProperty("java.io.tmpdir") + "/deskplane-libvirt-tests")).toAbsolutePath());
    }

    static <T> T service(Class<T> type) throws InterruptedException {
        ServiceTracker<T, T> tracker = new ServiceTracker<>(context(), type, null);
        tracker.open();
        T service = tracker.waitForService(TIMEOUT.toMillis());
        assertNotNull(service, "no " + type.getSimpleName() + " service within " + TIMEOUT);
        return service;
    }

    /** Creates a connection configuration; the caller deletes it. */
    static Configuration configure(String id, String uri, long initialBackoffMillis) throws Exception {
        Configuration configuration = service(ConfigurationAdmin.class).getFactoryConfiguration(FACTORY_PID, id, "?");
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put("connection.id", id);
        properties.put("uri", uri);
        properties.put("reconnect.initial.millis", initialBackoffMillis);
        properties.put("reconnect.max.millis", Math.max(initialBackoffMillis * 4, 1_000L));
        configuration.update(properties);
        return configuration;
    }

    static HypervisorConnection connection(String id) throws Exception {
        ServiceTracker<HypervisorConnection, HypervisorConnection> tracker = new ServiceTracker<>(context(),
                context().createFilter("(&(objectClass=" + HypervisorConnection.class.getName() + ")("
                        + "connection.id=" + id + "))"),
                null);
        tracker.open();
        HypervisorConnection connection = tracker.waitForService(TIMEOUT.toMillis());
        assertNotNull(connection, "no HypervisorConnection '" + id + "' within " + TIMEOUT);
        return connection;
    }

    static HypervisorConnection connected(String id) throws Exception {
        HypervisorConnection connection = connection(id);
        waitFor("connection " + id + " connected",
                () -> connection.status().state() == ConnectionStatus.State.CONNECTED);
        return connection;
    }

    static Inventory inventory() throws Exception {
        return service(ModelStore.class).load(ModelStore.INVENTORY, Inventory.class);
    }

    /** Waits until the stored inventory satisfies {@code condition}. */
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

    static void waitFor(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("timed out waiting for: " + what);
            }
            Thread.sleep(50);
        }
    }

    /** Collects events of the VM topics until closed. */
    static final class Events implements AutoCloseable {
        final BlockingQueue<Event> received = new LinkedBlockingQueue<>();
        private final ServiceRegistration<EventHandler> registration;

        Events() {
            Hashtable<String, Object> properties = new Hashtable<>();
            properties.put(EventConstants.EVENT_TOPIC, new String[] { HypervisorEvents.VM_TOPIC_ALL,
                    "org/deskplane/hypervisor/connection/*" });
            registration = context().registerService(EventHandler.class, received::add, properties);
        }

        Event await(String topic, String uuid) throws InterruptedException {
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (System.nanoTime() < deadline) {
                Event event = received.poll(100, TimeUnit.MILLISECONDS);
                if (event != null && event.getTopic().equals(topic)
                        && (uuid == null || uuid.equals(event.getProperty(HypervisorEvents.PROPERTY_UUID)))) {
                    return event;
                }
            }
            fail("no event " + topic + " for " + uuid + " within " + TIMEOUT);
            return null;
        }

        @Override
        public void close() {
            registration.unregister();
        }
    }

    /** A libvirt test-driver node: one running desktop with disks/CD-ROM/channel/metadata and one more, a pool. */
    static Path writeNode(String name, Path imageDir) throws IOException {
        String dir = imageDir.toString();
        String xml = """
                <node>
                  <cpu><nodes>1</nodes><sockets>1</sockets><cores>8</cores><threads>2</threads><active>16</active><mhz>2400</mhz><model>x86_64</model></cpu>
                  <memory>33554432</memory>
                  <domain type='test'>
                    <name>desk-01</name><uuid>11111111-0000-4000-8000-000000000001</uuid>
                    <memory unit='MiB'>2048</memory><vcpu>2</vcpu>
                    <os><type arch='x86_64'>hvm</type></os>
                    <devices>
                      <disk type='file' device='disk'><driver name='qemu' type='qcow2'/><source file='DIR/desk-01.qcow2'/>
                        <backingStore type='file'><format type='qcow2'/><source file='DIR/base.qcow2'/><backingStore/></backingStore>
                        <target dev='vda' bus='virtio'/></disk>
                      <disk type='file' device='cdrom'><driver name='qemu' type='raw'/><source file='DIR/tools.iso'/><target dev='hdc' bus='ide'/><readonly/></disk>
                      <channel type='unix'><source mode='bind' path='DIR/desk-01.agent'/><target type='virtio' name='org.deskplane.agent.0'/></channel>
                    </devices>
                    <metadata><dp:vm xmlns:dp="http://deskplane.org/xmlns/hypervisor/1.0"><dp:entry key="template">win11</dp:entry></dp:vm></metadata>
                  </domain>
                  <domain type='test'>
                    <name>desk-02</name><uuid>11111111-0000-4000-8000-000000000002</uuid>
                    <memory unit='MiB'>1024</memory><vcpu>1</vcpu>
                    <os><type arch='x86_64'>hvm</type></os>
                  </domain>
                  <pool type='dir'>
                    <name>images</name><uuid>22222222-0000-4000-8000-000000000001</uuid>
                    <capacity unit='GiB'>100</capacity><allocation unit='GiB'>10</allocation><available unit='GiB'>90</available>
                    <source/><target><path>DIR</path></target>
                    <volume type='file'><name>base.qcow2</name><key>DIR/base.qcow2</key><capacity unit='GiB'>20</capacity><allocation unit='MiB'>1</allocation><target><path>DIR/base.qcow2</path><format type='qcow2'/></target></volume>
                  </pool>
                </node>
                """.replace("DIR", dir);
        Path file = testDir().resolve(name + ".xml");
        Files.writeString(file, xml);
        return file;
    }

    static final String DESK_01 = "11111111-0000-4000-8000-000000000001";
    static final String DESK_02 = "11111111-0000-4000-8000-000000000002";

    static List<String> names(Inventory inventory, String connectionId) {
        return inventory.getVirtualMachines().stream()
                .filter(vm -> vm.getHost() != null && connectionId.equals(vm.getHost().getName()))
                .map(vm -> vm.getName()).sorted().toList();
    }

    private LibvirtFixture() {
    }
}
