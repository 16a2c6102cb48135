package org.deskplane.content.ui.internal;

import java.util.Comparator;
import java.util.List;

import org.deskplane.client.ServerConnection;
import org.deskplane.security.api.UserAccount;
import org.deskplane.security.api.UserService;
import org.deskplane.workbench.platform.ui.support.ServiceWatch;

/**
 * The users an administrator can view content as: the server's ({@code GET /api/users}) while signed in
 * remotely, the in-process user directory in embedded mode. Listing makes a server call: not on the UI thread.
 */
final class ViewAsUsers implements AutoCloseable {

    private final ServiceWatch<ServerConnection> remote;
    private final ServiceWatch<UserService> local;

    ViewAsUsers(Runnable onChange) {
        remote = new ServiceWatch<>(ViewAsUsers.class, ServerConnection.class, onChange);
        local = new ServiceWatch<>(ViewAsUsers.class, UserService.class, onChange);
    }

    /** By name; empty when neither a server connection nor a user directory is there. */
    List<UserAccount> list() {
        ServerConnection connection = remote.current();
        List<UserAccount> users = connection != null ? connection.users()
                : local.current() != null ? local.current().list() : List.of();
        return users.stream().sorted(Comparator.comparing(UserAccount::username)).toList();
    }

    @Override
    public void close() {
        remote.close();
        local.close();
    }
}
