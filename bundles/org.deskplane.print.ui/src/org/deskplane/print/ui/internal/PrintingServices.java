package org.deskplane.print.ui.internal;

import org.deskplane.client.RemotePrinting;
import org.deskplane.client.ServerConnection;
import org.deskplane.print.policy.PrintPolicies;
import org.deskplane.workbench.platform.ui.support.ServiceWatch;

/**
 * Where the parts get printing from: the server connection the workbench registered at login. Printing has no
 * embedded mode yet (the router needs the server's HTTP stack and hypervisor metadata), so without a connection the
 * parts say "log in".
 */
final class PrintingServices implements AutoCloseable {

    static final String NOT_CONNECTED = "Not connected: log in to a Deskplane server that has the printing feature.";

    private final ServiceWatch<ServerConnection> connection;

    PrintingServices(Runnable onChange) {
        connection = new ServiceWatch<>(PrintingServices.class, ServerConnection.class, onChange);
    }

    /** The server's printing now, or null when not logged in. */
    RemotePrinting printing() {
        ServerConnection current = connection.current();
        return current == null ? null : current.printing();
    }

    /** The server's print policy rules now, or null when not logged in. */
    PrintPolicies policies() {
        ServerConnection current = connection.current();
        return current == null ? null : current.printPolicies();
    }

    @Override
    public void close() {
        connection.close();
    }
}
