package org.deskplane.channel.libvirt.tests;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.Hashtable;
import java.util.function.BooleanSupplier;

import org.deskplane.hypervisor.api.ConnectionStatus;
import org.deskplane.hypervisor.api.HypervisorConnection;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.util.tracker.ServiceTracker;

/** Service look-ups with deadlines, and libvirt connections made through ConfigurationAdmin. */
final class Services {

    static final Duration TIMEOUT = Duration.ofSeconds(30);

    static BundleContext context() {
        return FrameworkUtil.getBundle(Services.class).getBundleContext();
    }

    static <T> T service(Class<T> type) throws InterruptedException {
        ServiceTracker<T, T> tracker = new ServiceTracker<>(context(), type, null);
        tracker.open();
        T service = tracker.waitForService(TIMEOUT.toMillis());
        assertNotNull(service, "no " + type.getSimpleName() + " service within " + TIMEOUT);
        return service;
    }

    /** A libvirt connection configuration (the caller deletes it) and its service once connected. */
    static Configuration configureConnection(String id, String uri) throws Exception {
        Configuration configuration = service(ConfigurationAdmin.class)
                .getFactoryConfiguration("org.deskplane.hypervisor.libvirt.connection", id, "?");
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put("connection.id", id);
        properties.put("uri", uri);
        properties.put("reconnect.initial.millis", 500L);
        properties.put("reconnect.max.millis", 2_000L);
        configuration.update(properties);
        return configuration;
    }

    static HypervisorConnection connected(String id) throws Exception {
        ServiceTracker<HypervisorConnection, HypervisorConnection> tracker = new ServiceTracker<>(context(),
                context().createFilter("(&(objectClass=" + HypervisorConnection.class.getName() + ")(connection.id=" + id + "))"),
                null);
        tracker.open();
        HypervisorConnection connection = tracker.waitForService(TIMEOUT.toMillis());
        assertNotNull(connection, "no HypervisorConnection '" + id + "' within " + TIMEOUT);
        waitFor("connection " + id + " connected", TIMEOUT, () -> connection.status().state() == ConnectionStatus.State.CONNECTED);
        return connection;
    }

    /** A service of {@code type} matching {@code filter} (null: any), waited for up to {@link #TIMEOUT}. */
    static <T> T awaitService(Class<T> type, String filter) throws Exception {
        String objectClass = "(objectClass=" + type.getName() + ")";
        ServiceTracker<T, T> tracker = new ServiceTracker<>(context(),
                context().createFilter(filter == null ? objectClass : "(&" + objectClass + filter + ")"), null);
        tracker.open();
        T service = tracker.waitForService(TIMEOUT.toMillis());
        assertNotNull(service, "no " + type.getSimpleName() + " " + (filter == null ? "" : filter) + " within " + TIMEOUT);
        return service;
    }

    static void waitFor(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("never happened within " + timeout + ": " + what);
            }
            Thread.sleep(100);
        }
    }
}
