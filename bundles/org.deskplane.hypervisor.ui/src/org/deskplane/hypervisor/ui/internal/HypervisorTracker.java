package org.deskplane.hypervisor.ui.internal;

import java.util.ArrayList;
import java.util.List;

import org.deskplane.hypervisor.api.HypervisorConnection;
import org.deskplane.workbench.WorkbenchIds;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceReference;
import org.osgi.util.tracker.ServiceTracker;
import org.osgi.util.tracker.ServiceTrackerCustomizer;

/**
 * All {@link HypervisorConnection} services (the e4 context hands out one service of a type, the inventory
 * needs every connection). Tells the part when one comes or goes. When remote ones ({@code deskplane.mode=remote})
 * are there, only those count: the part then shows the server's inventory, not this process's.
 */
final class HypervisorTracker implements AutoCloseable {

    private final ServiceTracker<HypervisorConnection, HypervisorConnection> tracker;

    HypervisorTracker(Runnable onChange) {
        BundleContext context = FrameworkUtil.getBundle(HypervisorTracker.class).getBundleContext();
        tracker = new ServiceTracker<>(context, HypervisorConnection.class,
                new ServiceTrackerCustomizer<HypervisorConnection, HypervisorConnection>() {
                    @Override
                    public HypervisorConnection addingService(ServiceReference<HypervisorConnection> reference) {
                        HypervisorConnection service = context.getService(reference);
                        onChange.run();
                        return service;
                    }

                    @Override
                    public void modifiedService(ServiceReference<HypervisorConnection> reference,
                            HypervisorConnection service) {
                        onChange.run();
                    }

                    @Override
                    public void removedService(ServiceReference<HypervisorConnection> reference,
                            HypervisorConnection service) {
                        context.ungetService(reference);
                        onChange.run();
                    }
                });
        tracker.open();
    }

    List<HypervisorConnection> connections() {
        ServiceReference<HypervisorConnection>[] references = tracker.getServiceReferences();
        if (references == null) {
            return List.of();
        }
        boolean anyRemote = false;
        for (ServiceReference<HypervisorConnection> reference : references) {
            anyRemote |= WorkbenchIds.MODE_REMOTE.equals(reference.getProperty(WorkbenchIds.MODE_PROPERTY));
        }
        List<HypervisorConnection> connections = new ArrayList<>();
        for (ServiceReference<HypervisorConnection> reference : references) {
            HypervisorConnection connection = tracker.getService(reference);
            if (connection != null && (!anyRemote || WorkbenchIds.MODE_REMOTE.equals(reference.getProperty(WorkbenchIds.MODE_PROPERTY)))) {
                connections.add(connection);
            }
        }
        return connections;
    }

    @Override
    public void close() {
        tracker.close();
    }
}
