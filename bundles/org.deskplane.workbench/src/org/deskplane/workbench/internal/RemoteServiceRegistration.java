package org.deskplane.workbench.internal;

import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;

import org.deskplane.bundles.api.BundleManager;
import org.deskplane.client.ServerConnection;
import org.deskplane.security.api.AuditLog;
import org.deskplane.workbench.WorkbenchIds;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceRegistration;

/**
 * Publishes a remote connection's services as OSGi services, so that parts find them exactly like the
 * in-process (embedded) ones: through the e4 context, which looks up OSGi services. They carry
 * {@code deskplane.mode=remote} and a high ranking so that they win over embedded ones while logged in.
 */
final class RemoteServiceRegistration implements AutoCloseable {

    private final List<ServiceRegistration<?>> registrations = new ArrayList<>();

    RemoteServiceRegistration(BundleContext context, ServerConnection connection) {
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put(WorkbenchIds.MODE_PROPERTY, WorkbenchIds.MODE_REMOTE);
        properties.put("deskplane.server", connection.baseUrl().toString());
        properties.put(Constants.SERVICE_RANKING, 1000);
        registrations.add(context.registerService(BundleManager.class, connection.bundleManager(), properties));
        registrations.add(context.registerService(AuditLog.class, connection.auditLog(), properties));
        registrations.add(context.registerService(ServerConnection.class, connection, properties));
    }

    @Override
    public void close() {
        for (ServiceRegistration<?> registration : registrations) {
            try {
                registration.unregister();
            } catch (IllegalStateException alreadyGone) {
                // the framework is stopping and took them down first
            }
        }
        registrations.clear();
    }
}
