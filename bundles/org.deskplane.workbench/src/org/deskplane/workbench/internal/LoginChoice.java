package org.deskplane.workbench.internal;

import org.deskplane.client.ServerConnection;

/** What the login ended with: a server connection (remote mode), or embedded mode (connection null). */
record LoginChoice(ServerConnection connection, boolean embedded) {

    static LoginChoice remote(ServerConnection connection) {
        return new LoginChoice(connection, false);
    }

    static LoginChoice embeddedMode() {
        return new LoginChoice(null, true);
    }
}
