package org.deskplane.modules.ui.internal;

import org.deskplane.client.ServerConnection;
import org.deskplane.workbench.platform.ui.support.ServiceWatch;

/**
 * Where the parts get the module routes from: the server connection the workbench registered at login. Modules have
 * no embedded mode (the host needs the server), so without a connection the parts say "log in".
 */
final class ModulesServices implements AutoCloseable {

    static final String NOT_CONNECTED = "Not connected: log in to a Deskplane server that has the modules feature.";

    private final ServiceWatch<ServerConnection> connection;
    private ServerConnection clientFor;
    private ModulesClient client;

    ModulesServices(Runnable onChange) {
        connection = new ServiceWatch<>(ModulesServices.class, ServerConnection.class, onChange);
    }

    /** A client of the current connection, or null when not logged in; the same one while the connection stays. */
    synchronized ModulesClient client() {
        ServerConnection current = connection.current();
        if (current != clientFor) {
            if (client != null) {
                client.shutdown();
            }
            clientFor = current;
            client = current == null ? null : new ModulesClient(current);
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
