package org.deskplane.delivery.repository.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Hashtable;
import java.util.concurrent.TimeUnit;

import org.deskplane.delivery.api.Payload;
import org.deskplane.delivery.api.PayloadRepository;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.util.tracker.ServiceTracker;

/** The DS component in the running framework: data under {@code ${deskplane.data}/delivery/payloads}, kept across re-activation. */
class ComponentTest {

    @TempDir
    Path temp;

    @Test
    void serviceStoresUnderTheDataDirectoryAndKeepsPayloadsWhenReactivated() throws Exception {
        Bundle bundle = FrameworkUtil.getBundle(PayloadRepositoryComponent.class);
        BundleContext context = bundle.getBundleContext();
        ServiceTracker<PayloadRepository, PayloadRepository> tracker = new ServiceTracker<>(context, PayloadRepository.class, null);
        tracker.open();
        ServiceTracker<ConfigurationAdmin, ConfigurationAdmin> cm = new ServiceTracker<>(context, ConfigurationAdmin.class, null);
        cm.open();
        try {
            PayloadRepository repository = tracker.waitForService(TimeUnit.SECONDS.toMillis(30));
            assertNotNull(repository, "the PayloadRepository service is registered");
            Payload payload = repository.importDirectory(Fixtures.payloadFolder(temp.resolve("src"), "component-test", "1", ""));
            Path data = DataDirectory.resolve(context.getProperty(DataDirectory.PROPERTY));
            Path folder = data.resolve("delivery/payloads/component-test/1");
            assertTrue(Files.isRegularFile(folder.resolve("files/install.sh")), folder + " holds the payload");
            assertEquals(folder.resolve("files"), repository.contentDirectory(payload.ref()));

            // a configuration change re-activates the component: a new instance reads the payloads back from disk
            ConfigurationAdmin admin = cm.waitForService(TimeUnit.SECONDS.toMillis(30));
            assertNotNull(admin, "ConfigurationAdmin");
            Configuration configuration = admin.getConfiguration(PayloadRepositoryComponent.PID, "?");
            Hashtable<String, Object> properties = new Hashtable<>();
            properties.put("maxFiles", 1000);
            configuration.update(properties);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            PayloadRepository reactivated;
            while ((reactivated = tracker.getService()) == null || reactivated == repository) {
                if (System.nanoTime() > deadline) {
                    fail("the component was not re-activated after the configuration change");
                }
                Thread.sleep(20);
            }
            assertNotSame(repository, reactivated);
            assertEquals(repository.find(payload.ref()), reactivated.find(payload.ref()));
            reactivated.delete(payload.ref());
            assertTrue(Files.notExists(folder));
            configuration.delete();
            // deleting the configuration re-activates it once more: wait for that, so later tests see a settled service
            long settle = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (tracker.getService() == null || tracker.getService() == reactivated) {
                if (System.nanoTime() > settle) {
                    fail("the component was not re-activated after the configuration was deleted");
                }
                Thread.sleep(20);
            }
        } finally {
            cm.close();
            tracker.close();
        }
    }

    @Test
    void aPayloadThatARunningDeploymentNamesIsNotDeleted() throws Exception {
        BundleContext context = FrameworkUtil.getBundle(PayloadRepositoryComponent.class).getBundleContext();
        ServiceTracker<PayloadRepository, PayloadRepository> tracker = new ServiceTracker<>(context, PayloadRepository.class, null);
        tracker.open();
        try {
            PayloadRepository repository = tracker.waitForService(TimeUnit.SECONDS.toMillis(30));
            Payload payload = repository.importDirectory(Fixtures.payloadFolder(temp.resolve("in-use"), "in-use", "1", ""));
            org.deskplane.delivery.api.Deployment running = new org.deskplane.delivery.api.Deployment("d1", "rollout",
                    java.util.List.of(payload.ref()), org.deskplane.delivery.api.DeliveryOptions.DEFAULTS, "admin",
                    java.time.Instant.now(), org.deskplane.delivery.api.DeploymentState.RUNNING, "",
                    new org.deskplane.delivery.api.RolloutSummary(1, 1, 0, 0, 0, 0), java.util.List.of());
            // the engine, as far as the repository sees it: one running deployment naming the payload
            org.deskplane.delivery.api.DeploymentService engine = (org.deskplane.delivery.api.DeploymentService) java.lang.reflect.Proxy
                    .newProxyInstance(getClass().getClassLoader(), new Class<?>[] { org.deskplane.delivery.api.DeploymentService.class },
                            (proxy, method, args) -> method.getName().equals("list") ? java.util.List.of(running) : null);
            var registration = context.registerService(org.deskplane.delivery.api.DeploymentService.class, engine, null);
            try {
                org.deskplane.delivery.api.DeliveryException e = org.junit.jupiter.api.Assertions.assertThrows(
                        org.deskplane.delivery.api.DeliveryException.class, () -> repository.delete(payload.ref()));
                assertEquals(org.deskplane.delivery.api.DeliveryException.Reason.CONFLICT, e.reason(), e.getMessage());
                assertTrue(repository.find(payload.ref()).isPresent());
            } finally {
                registration.unregister();
            }
            repository.delete(payload.ref());
            assertTrue(repository.find(payload.ref()).isEmpty(), "deleted once no deployment needs it");
        } finally {
            tracker.close();
        }
    }
}
