package org.deskplane.modules.runtime.internal;

import java.time.Duration;
import java.util.Collection;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.wiring.FrameworkWiring;

/** Refreshes bundles and waits for the framework to finish, at most a given time. */
final class PackageRefresher {

    private PackageRefresher() {
    }

    /** @return whether the refresh finished in time */
    static boolean refresh(FrameworkWiring wiring, Collection<Bundle> bundles, Duration timeout)
            throws InterruptedException {
        CountDownLatch done = new CountDownLatch(1);
        wiring.refreshBundles(bundles, event -> {
            if (event.getType() == FrameworkEvent.PACKAGES_REFRESHED) {
                done.countDown();
            }
        });
        return done.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }
}
