package org.deskplane.bundles.tests;

import java.time.Duration;

import org.osgi.framework.BundleContext;
import org.osgi.framework.Filter;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.util.tracker.ServiceTracker;

/** Waiting for services with a deadline (never sleep-and-hope). */
final class Services {
    static final Duration TIMEOUT = Duration.ofSeconds(30);

    private Services() {
    }

    static BundleContext context() {
        return FrameworkUtil.getBundle(Services.class).getBundleContext();
    }

    static <T> T await(Class<T> type) throws InterruptedException {
        return await(type, "(objectClass=" + type.getName() + ")");
    }

    static <T> T await(Class<T> type, String filter) throws InterruptedException {
        ServiceTracker<T, T> tracker = new ServiceTracker<>(context(), filter(filter), null);
        tracker.open();
        try {
            T service = tracker.waitForService(TIMEOUT.toMillis());
            if (service == null) {
                throw new AssertionError("no " + type.getSimpleName() + " service " + filter + " within " + TIMEOUT);
            }
            return service;
        } finally {
            tracker.close();
        }
    }

    /** Polls until no service matches the filter, failing after the timeout. */
    static void awaitGone(String filter) throws InterruptedException, InvalidSyntaxException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (context().getServiceReferences((String) null, filter) != null) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("service " + filter + " still registered after " + TIMEOUT);
            }
            Thread.sleep(50);
        }
    }

    static Filter filter(String filter) {
        try {
            return context().createFilter(filter);
        } catch (InvalidSyntaxException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
