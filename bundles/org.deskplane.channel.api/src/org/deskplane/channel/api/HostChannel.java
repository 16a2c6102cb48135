package org.deskplane.channel.api;

import java.util.Collection;

import org.osgi.annotation.versioning.ProviderType;

/** The host's side of the channel: its agents, one per VM id, and their secrets. */
@ProviderType
public interface HostChannel {

    /** The peer for a VM, connected or not (requests to it are queued until it connects). */
    ChannelPeer agent(String vmId);

    /** Peers with a live, authenticated session. */
    Collection<ChannelPeer> connectedAgents();

    /**
     * Makes a new random secret for the VM, stores it (0600) under the data directory and returns it for
     * injection into the guest. Replaces an existing secret: the agent must be given the new one.
     */
    byte[] provisionSecret(String vmId) throws ChannelException;

    /** Whether a secret exists for the VM. */
    boolean hasSecret(String vmId);
}
