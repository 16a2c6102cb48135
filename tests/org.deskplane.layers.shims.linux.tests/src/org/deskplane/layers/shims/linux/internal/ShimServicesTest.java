package org.deskplane.layers.shims.linux.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import java.util.TreeSet;

import org.deskplane.layers.spi.LayerShim;
import org.deskplane.layers.spi.ShimHook;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;

/** The four Linux shims are LayerShim services and go and come back with their bundle (hot swap). */
class ShimServicesTest {

    private static final long TIMEOUT_MS = 20_000;

    private Bundle shims;
    private ServiceTracker<LayerShim, LayerShim> tracker;

    @BeforeEach
    void track() {
        shims = FrameworkUtil.getBundle(DpkgStatusShim.class);
        // The system bundle's context: the shims bundle's own context dies when the test stops that bundle.
        BundleContext system = shims.getBundleContext().getBundle(0).getBundleContext();
        tracker = new ServiceTracker<>(system, LayerShim.class, null);
        tracker.open();
    }

    @AfterEach
    void close() throws Exception {
        if (shims.getState() != Bundle.ACTIVE) {
            shims.start();
        }
        tracker.close();
    }

    @Test
    void allFourShimsAreRegisteredForLinux() throws Exception {
        assertEquals(Set.of("accounts", "dpkg-status", "exclusions", "identity"), awaitNames(4));
        for (LayerShim shim : tracker.getServices(new LayerShim[0])) {
            assertEquals("linux", shim.osFamily());
            assertTrue(!shim.hooks().isEmpty());
        }
        LayerShim exclusions = find("exclusions");
        assertEquals(Set.of(ShimHook.PRE_UPLOAD), exclusions.hooks());
        assertTrue(exclusions.exclusions().contains("var/cache/**"));
    }

    @Test
    void shimsGoAwayAndComeBackWithTheirBundle() throws Exception {
        awaitNames(4);
        shims.stop();
        awaitNames(0);
        shims.start();
        assertEquals(Set.of("accounts", "dpkg-status", "exclusions", "identity"), awaitNames(4));
    }

    private LayerShim find(String name) {
        for (LayerShim shim : tracker.getServices(new LayerShim[0])) {
            if (shim.name().equals(name)) {
                return shim;
            }
        }
        throw new AssertionError("no shim " + name);
    }

    /** Polls the tracker with a deadline until it holds {@code count} Linux shims. */
    private Set<String> awaitNames(int count) throws InterruptedException {
        long deadline = System.currentTimeMillis() + TIMEOUT_MS;
        Set<String> names = names();
        while (names.size() != count && System.currentTimeMillis() < deadline) {
            Thread.sleep(50);
            names = names();
        }
        assertEquals(count, names.size(), "linux shims registered: " + names);
        return names;
    }

    private Set<String> names() {
        Set<String> names = new TreeSet<>();
        LayerShim[] services = tracker.getServices(new LayerShim[0]);
        if (services != null) {
            for (LayerShim s : services) {
                if ("linux".equals(s.osFamily())) {
                    names.add(s.name());
                }
            }
        }
        return names;
    }
}
