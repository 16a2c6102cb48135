package org.deskplane.delivery.ui.internal;

import org.deskplane.client.ServerConnection;
import org.deskplane.workbench.platform.ui.support.ServiceWatch;

/**
 * Where the parts get the delivery routes from: the server connection the workbench registered at login. Delivery has
 * no embedded mode (the engine needs the server's hypervisors), so without a connection the parts say "log in".
 */
final class DeliveryServices implements AutoCloseable {

    static final String NOT_CONNECTED = "Not connected: log in to a Deskplane server that has the software delivery feature.";

    private final ServiceWatch<ServerConnection> connection;
    private ServerConnection clientFor;
    private DeliveryClient client;

    DeliveryServices(Runnable onChange) {
        connection = new ServiceWatch<>(DeliveryServices.class, ServerConnection.class, onChange);
    }

    /** A client of the current connection, or null when not logged in; the same one while the connection stays. */
    synchronized DeliveryClient client() {
        ServerConnection current = connection.current();
        if (current != clientFor) {
            if (client != null) {
                client.shutdown();
            }
            clientFor = current;
            client = current == null ? null : new DeliveryClient(current);
        }
        return client;
    }

    @Override
    public synchronized void close() {
        connection.close();
        if (client != null) {
            client.shutdown();
            client = null;
            clientFor = null;
        }
    }
}
