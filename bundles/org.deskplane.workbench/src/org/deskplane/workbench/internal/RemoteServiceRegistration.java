package org.deskplane.workbench.internal;

import java.util.ArrayList;
import java.util.Dictionary;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;

import org.deskplane.bundles.api.BundleManager;
import org.deskplane.client.ServerConnection;
import org.deskplane.content.api.ContentAccess;
import org.deskplane.content.api.ContentPolicies;
import org.deskplane.hypervisor.api.HypervisorConnection;
import org.deskplane.security.api.AuditLog;
import org.deskplane.workbench.WorkbenchIds;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceRegistration;

/**
 * Publishes a remote connection's services as OSGi services, so that parts find them exactly like the
 * in-process (embedded) ones: through the e4 context, which looks up OSGi services. They carry
 * {@code deskplane.mode=remote} and a high ranking so that they win over embedded ones while logged in.
 * <p>
 * The server's hypervisor connections are services too, one {@link HypervisorConnection} per connection with
 * {@value HypervisorConnection#ID_PROPERTY}, kept in step with the server by {@link #syncHypervisors()}.
 */
final class RemoteServiceRegistration implements AutoCloseable {

    private final BundleContext context;
    private final ServerConnection connection;
    private final List<ServiceRegistration<?>> registrations = new ArrayList<>();
    private final Map<String, ServiceRegistration<HypervisorConnection>> hypervisors = new HashMap<>();
    private boolean closed;

    RemoteServiceRegistration(BundleContext context, ServerConnection connection) {
        this.context = context;
        this.connection = connection;
        Dictionary<String, Object> properties = remoteProperties();
        registrations.add(context.registerService(BundleManager.class, connection.bundleManager(), properties));
        registrations.add(context.registerService(AuditLog.class, connection.auditLog(), properties));
        registrations.add(context.registerService(ContentAccess.class, connection.contentAccess(), properties));
        registrations.add(context.registerService(ContentPolicies.class, connection.contentPolicies(), properties));
        registrations.add(context.registerService(ServerConnection.class, connection, properties));
    }

    /**
     * Registers the hypervisor connections the server lists now and unregisters those it no longer has. Makes a
     * server call: not on the UI thread.
     *
     * @throws org.deskplane.client.ServerException when the server cannot be asked (nothing changes then)
     */
    synchronized void syncHypervisors() {
        if (closed) {
            return;
        }
        Map<String, HypervisorConnection> listed = new HashMap<>();
        for (HypervisorConnection hypervisor : connection.hypervisorConnections()) {
            listed.put(hypervisor.id(), hypervisor);
        }
        hypervisors.entrySet().removeIf(entry -> {
            if (!listed.containsKey(entry.getKey())) {
                unregister(entry.getValue());
                return true;
            }
            return false;
        });
        listed.forEach((id, hypervisor) -> hypervisors.computeIfAbsent(id, key -> {
            Dictionary<String, Object> properties = remoteProperties();
            properties.put(HypervisorConnection.ID_PROPERTY, key);
            return context.registerService(HypervisorConnection.class, hypervisor, properties);
        }));
    }

    private Dictionary<String, Object> remoteProperties() {
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put(WorkbenchIds.MODE_PROPERTY, WorkbenchIds.MODE_REMOTE);
        properties.put("deskplane.server", connection.baseUrl().toString());
        properties.put(Constants.SERVICE_RANKING, 1000);
        return properties;
    }

    @Override
    public synchronized void close() {
        closed = true;
        hypervisors.values().forEach(RemoteServiceRegistration::unregister);
        hypervisors.clear();
        registrations.forEach(RemoteServiceRegistration::unregister);
        registrations.clear();
    }

    private static void unregister(ServiceRegistration<?> registration) {
        try {
            registration.unregister();
        } catch (IllegalStateException alreadyGone) {
            // the framework is stopping and took them down first
        }
    }
}
