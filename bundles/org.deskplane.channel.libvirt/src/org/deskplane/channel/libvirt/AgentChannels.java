package org.deskplane.channel.libvirt;

import java.nio.file.Path;
import java.util.Optional;

import org.deskplane.hypervisor.api.HypervisorException;
import org.deskplane.hypervisor.api.VmId;
import org.osgi.annotation.versioning.ProviderType;

/** Sets VMs up for the Deskplane agent and forgets them again. */
@ProviderType
public interface AgentChannels {

    /** The virtio-serial port name the agent looks for inside the guest. */
    String PORT_NAME = "org.deskplane.agent.0";

    /**
     * Makes sure the VM has the agent channel in its definition (effective at its next start), a channel
     * secret, and a host session configuration (the host connects while the VM runs). Idempotent: an existing
     * secret is kept. The channel's VM id is the VM's UUID.
     */
    Setup ensureAgentChannel(VmId vm) throws HypervisorException;

    /** Ends the host's session configuration for the VM (e.g. before it is undefined); the secret stays. */
    void forget(VmId vm);

    /**
     * What {@link #ensureAgentChannel} did.
     *
     * @param channelVmId   the VM id the agent must state (the VM's UUID)
     * @param socketPath    the Unix socket QEMU binds for the channel
     * @param definitionChanged whether the VM's definition was changed (a running VM needs a restart)
     * @param newSecret     the secret, when it was made now — to be injected into the guest (e.g. QEMU fw_cfg
     *                      {@code opt/org.deskplane/agent.key}); empty when the VM already had one
     */
    record Setup(String channelVmId, Path socketPath, boolean definitionChanged, Optional<byte[]> newSecret) {
    }
}
