package org.deskplane.delivery.tests;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Hashtable;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

import org.deskplane.delivery.api.Deployment;
import org.deskplane.delivery.simulation.SimulatedDevice;
import org.deskplane.delivery.api.DeploymentService;
import org.deskplane.hypervisor.api.ConnectionStatus;
import org.deskplane.hypervisor.api.HypervisorConnection;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.util.tracker.ServiceTracker;

/**
 * The engine's test set-up: the real engine and CD-ROM method, real libvirt connections on the test driver (one per
 * "host", each with its own node file of VMs), and the simulated parts registered by the tests. Trackers stay open
 * (Felix CM hands out per-bundle objects that closing would release).
 */
final class Rig {
    static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final String LIBVIRT_FACTORY = "org.deskplane.hypervisor.libvirt.connection";

    private Rig() {
    }

    static BundleContext context() {
        return FrameworkUtil.getBundle(Rig.class).getBundleContext();
    }

    static Path testDir(String name) throws IOException {
        Path base = Path.of(System.getProperty("deskplane.test.dir", System.getProperty("java.io.tmpdir") + "/delivery"));
        return Files.createDirectories(base.toAbsolutePath().resolve(name));
    }

    static <T> T service(Class<T> type) throws InterruptedException {
        ServiceTracker<T, T> tracker = new ServiceTracker<>(context(), type, null);
        tracker.open();
        T service = tracker.waitForService(TIMEOUT.toMillis());
        assertNotNull(service, "no " + type.getSimpleName() + " within " + TIMEOUT);
        return service;
    }

    /** Fast ticks and polls, and the method order the tests use: the real CD-ROM method first, then the simulated device. */
    static void configureEngine() throws Exception {
        Configuration c = service(ConfigurationAdmin.class).getConfiguration("org.deskplane.delivery.engine", "?");
        Hashtable<String, Object> p = new Hashtable<>();
        p.put("tick.millis", 20L);
        p.put("poll.millis", 50L);
        p.put("retry.backoff.millis", 50L);
        p.put("default.methods", new String[] { "cdrom", SimulatedDevice.NAME });
        if (!p.equals(c.getProperties() == null ? null : strip(c.getProperties()))) {
            c.update(p);
        }
    }

    private static Hashtable<String, Object> strip(java.util.Dictionary<String, Object> d) {
        Hashtable<String, Object> h = new Hashtable<>();
        for (var keys = d.keys(); keys.hasMoreElements();) {
            String k = keys.nextElement();
            if (!k.startsWith("service.") && !k.equals("felix.fileinstall.filename")) {
                h.put(k, d.get(k));
            }
        }
        return h;
    }

    /** A libvirt test-driver host with {@code count} running VMs (each with an empty CD-ROM drive). */
    static HypervisorConnection host(String id, int count, String pool) throws Exception {
        Path node = testDir("nodes").resolve(id + ".xml");
        StringBuilder xml = new StringBuilder("<node><cpu><nodes>1</nodes><sockets>1</sockets><cores>8</cores>"
                + "<threads>1</threads><active>8</active><mhz>2000</mhz><model>x86_64</model></cpu>"
                + "<memory>67108864</memory>");
        for (int i = 1; i <= count; i++) {
            xml.append("<domain type='test' xmlns:test='http://libvirt.org/schemas/domain/test/1.0'>")
                    .append("<name>").append(id).append("-vm-").append(String.format("%03d", i)).append("</name>")
                    .append("<uuid>").append(uuid(id, i)).append("</uuid>")
                    .append("<memory unit='MiB'>512</memory><vcpu>1</vcpu><os><type arch='x86_64'>hvm</type></os>")
                    .append("<devices><disk type='file' device='cdrom'><target dev='sda' bus='sata'/><readonly/></disk></devices>")
                    .append("<metadata><dp:vm xmlns:dp='http://deskplane.org/xmlns/hypervisor/1.0'>")
                    .append("<dp:entry key='pool'>").append(pool).append("</dp:entry>")
                    .append("<dp:entry key='tags'>").append(i % 2 == 0 ? "even,lab" : "odd,lab").append("</dp:entry>")
                    .append("</dp:vm></metadata><test:runstate>1</test:runstate></domain>");
        }
        Files.writeString(node, xml.append("</node>").toString());
        Configuration c = service(ConfigurationAdmin.class).getFactoryConfiguration(LIBVIRT_FACTORY, id, "?");
        Hashtable<String, Object> p = new Hashtable<>();
        p.put("connection.id", id);
        p.put("uri", "test://" + node);
        c.update(p);
        ServiceTracker<HypervisorConnection, HypervisorConnection> tracker = new ServiceTracker<>(context(),
                context().createFilter("(&(objectClass=" + HypervisorConnection.class.getName() + ")(connection.id=" + id + "))"),
                null);
        tracker.open();
        HypervisorConnection connection = tracker.waitForService(TIMEOUT.toMillis());
        assertNotNull(connection, "no connection " + id);
        waitFor("connection " + id + " up", () -> connection.status().state() == ConnectionStatus.State.CONNECTED);
        return connection;
    }

    static String uuid(String host, int i) {
        int h = Math.abs(host.hashCode()) % 0xffff;
        return String.format("de11e000-%04x-4000-8000-%012d", h, i);
    }

    static void waitFor(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("timed out waiting for: " + what);
            }
            Thread.sleep(20);
        }
    }

    static Deployment await(DeploymentService engine, String id, String what, Predicate<Deployment> condition)
            throws InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        Deployment d = engine.find(id).orElseThrow();
        while (!condition.test(d)) {
            if (System.nanoTime() > deadline) {
                fail("deployment never reached: " + what + "; it is " + d.state() + " " + d.summary() + " "
                        + d.items().stream().filter(i -> !i.isDone()).limit(5).toList());
            }
            Thread.sleep(20);
            d = engine.find(id).orElseThrow();
        }
        return d;
    }

    static Bundle bundle(String symbolicName) {
        for (Bundle b : context().getBundles()) {
            if (b.getSymbolicName().equals(symbolicName)) {
                return b;
            }
        }
        fail("no bundle " + symbolicName);
        return null;
    }

    static List<String> ids(List<HypervisorConnection> hosts) throws Exception {
        java.util.ArrayList<String> ids = new java.util.ArrayList<>();
        for (HypervisorConnection h : hosts) {
            h.listVms().forEach(vm -> ids.add(vm.id().toString()));
        }
        return ids;
    }
}
