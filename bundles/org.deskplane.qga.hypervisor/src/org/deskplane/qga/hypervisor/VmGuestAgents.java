package org.deskplane.qga.hypervisor;

import org.deskplane.hypervisor.api.VmId;
import org.deskplane.qga.api.GuestAgentClient;
import org.deskplane.qga.api.GuestAgentException;
import org.deskplane.qga.api.GuestAgentOptions;
import org.osgi.annotation.versioning.ProviderType;

/** Opens QEMU guest agent clients on VMs through their hypervisor connection (an OSGi service). */
@ProviderType
public interface VmGuestAgents {

    /** A client of the agent in {@code vm} with the guest agent service's default options. */
    GuestAgentClient open(VmId vm) throws GuestAgentException;

    /**
     * A client of the agent in {@code vm}: checked with {@code guest-sync} before it is returned, so a
     * successful open means the agent answers.
     *
     * @throws org.deskplane.qga.api.GuestAgentConnectionException when the connection is unknown or down, the
     *         VM is not running, or it has no connected agent
     */
    GuestAgentClient open(VmId vm, GuestAgentOptions options) throws GuestAgentException;
}
