package org.deskplane.content.ui.internal;

import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceReference;
import org.osgi.util.tracker.ServiceTracker;

/**
 * The best-ranked service of one type (the remote one after login wins by its ranking), and a call when that
 * changes: the service comes after the part is shown (login) and goes at logout.
 */
final class ServiceWatch<S> implements AutoCloseable {

    private final ServiceTracker<S, S> tracker;

    ServiceWatch(Class<S> type, Runnable onChange) {
        BundleContext context = FrameworkUtil.getBundle(ServiceWatch.class).getBundleContext();
        tracker = new ServiceTracker<>(context, type, null) {
            @Override
            public S addingService(ServiceReference<S> reference) {
                S service = super.addingService(reference);
                onChange.run();
                return service;
            }

            @Override
            public void removedService(ServiceReference<S> reference, S service) {
                super.removedService(reference, service);
                onChange.run();
            }
        };
        tracker.open();
    }

    /** The service to use now, or null when there is none. */
    S current() {
        return tracker.getService();
    }

    @Override
    public void close() {
        tracker.close();
    }
}
