package org.deskplane.modules.ui.internal;

import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceReference;
import org.osgi.util.tracker.ServiceTracker;

/**
 * The best-ranked service of one type, and a call when that changes: the server connection comes after the part is
 * shown (login) and goes at logout.
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

    /** Every service of the type now (e.g. all hypervisor connections). */
    java.util.List<S> all() {
        Object[] services = tracker.getServices();
        java.util.List<S> out = new java.util.ArrayList<>();
        if (services != null) {
            for (Object service : services) {
                @SuppressWarnings("unchecked")
                S typed = (S) service;
                out.add(typed);
            }
        }
        return out;
    }

    @Override
    public void close() {
        tracker.close();
    }
}
