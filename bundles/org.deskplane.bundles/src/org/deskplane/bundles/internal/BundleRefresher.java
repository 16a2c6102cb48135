package org.deskplane.bundles.internal;

import java.time.Duration;
import java.util.Collection;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.deskplane.bundles.api.BundleOperationException;
import org.deskplane.bundles.api.BundleOperationException.Kind;
import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.wiring.FrameworkWiring;

/**
 * Refreshes bundles and waits (bounded) until the framework says it is done, so that the caller answers
 * only once the new code is wired in.
 */
final class BundleRefresher {
    private BundleRefresher() {
    }

    static void refreshAndWait(FrameworkWiring wiring, Collection<Bundle> bundles, Duration timeout) {
        CountDownLatch refreshed = new CountDownLatch(1);
        wiring.refreshBundles(bundles, event -> {
            if (event.getType() == FrameworkEvent.PACKAGES_REFRESHED) {
                refreshed.countDown();
            }
        });
        try {
            if (!refreshed.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new BundleOperationException(Kind.FAILED,
                        "the package refresh did not finish within " + timeout.toSeconds() + " s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BundleOperationException(Kind.FAILED, "interrupted while waiting for the package refresh", e);
        }
    }
}
