package org.deskplane.workbench.platform.ui.support;

import java.util.ArrayList;
import java.util.List;

import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceReference;
import org.osgi.util.tracker.ServiceTracker;

/**
 * The best-ranked service of one type, and a call when that changes: the server connection comes after the part is
 * shown (login) and goes at logout.
 * <p>
 * The service is tracked through the bundle context of the {@code owner} class's bundle (the part's bundle, not this
 * one), so the part sees and uses services exactly as its own bundle would.
 */
public final class ServiceWatch<S> implements AutoCloseable {

    private final ServiceTracker<S, S> tracker;

    /**
     * Starts watching.
     *
     * @param owner    a class of the bundle that uses the service
     * @param type     the service type
     * @param onChange called whenever a service of the type comes or goes
     */
    public ServiceWatch(Class<?> owner, Class<S> type, Runnable onChange) {
        BundleContext context = FrameworkUtil.getBundle(owner).getBundleContext();
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
    public S current() {
        return tracker.getService();
    }

    /** Every service of the type now (e.g. all hypervisor connections). */
    public List<S> all() {
        Object[] services = tracker.getServices();
        List<S> out = new ArrayList<>();
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
