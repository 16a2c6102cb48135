package org.deskplane.qga.api;

import java.nio.file.Path;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Opens {@link GuestAgentClient}s (an OSGi service). A client returned here has already resynchronised
 * with the agent, so a successful open means the agent is there and speaks QGA.
 */
@ProviderType
public interface GuestAgentClients {

    /** The options used when none are given (configurable on the service). */
    GuestAgentOptions defaultOptions();

    /** A client on the Unix socket {@code socket} with {@link #defaultOptions()}. */
    default GuestAgentClient open(Path socket) throws GuestAgentException {
        return open(socket, defaultOptions());
    }

    /** A client on the Unix socket {@code socket}: a virtio-serial channel's host end or {@code qemu-ga -m unix-listen}. */
    GuestAgentClient open(Path socket, GuestAgentOptions options) throws GuestAgentException;

    /** A client on another transport (for example libvirt's qemu-agent-command); the client closes it. */
    GuestAgentClient open(QgaTransport transport, GuestAgentOptions options) throws GuestAgentException;
}
