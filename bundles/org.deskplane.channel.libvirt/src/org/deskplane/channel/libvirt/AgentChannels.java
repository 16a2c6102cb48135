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

    /** The QEMU fw_cfg name under which the guest finds its key file (read by the guest image's init). */
    String FIRMWARE_KEY_NAME = "opt/org.deskplane/agent.key";

    /**
     * Makes sure the VM has the agent channel in its definition, a channel secret, the secret handed to the
     * guest, and a host session configuration (the host connects while the VM runs). The secret reaches the
     * guest as a key file the hypervisor passes through the firmware configuration ({@value #FIRMWARE_KEY_NAME});
     * the definition names only the file. All of it takes effect at the VM's next start. Idempotent: an existing
     * secret whose key file is in place is kept. The channel's VM id is the VM's UUID.
     */
    Setup ensureAgentChannel(VmId vm) throws HypervisorException;

    /**
     * Ends the host's session configuration for the VM and removes its key file (e.g. when it is undefined);
     * the host's copy of the secret stays.
     */
    void forget(VmId vm);

    /**
     * What {@link #ensureAgentChannel} did.
     *
     * @param channelVmId   the VM id the agent must state (the VM's UUID)
     * @param socketPath    the Unix socket QEMU binds for the channel
     * @param definitionChanged whether the VM's definition was changed (a running VM needs a restart)
     * @param newSecret     the secret, when it was made now; empty when the VM already had one
     * @param keyFile       the key file handed to the guest through the firmware configuration; empty where the
     *                      hypervisor cannot do that (then {@code newSecret} must reach the guest another way)
     * @since 1.1
     */
    record Setup(String channelVmId, Path socketPath, boolean definitionChanged, Optional<byte[]> newSecret,
            Optional<Path> keyFile) {

        /** A setup without a firmware key file (the 1.0 shape). */
        public Setup(String channelVmId, Path socketPath, boolean definitionChanged, Optional<byte[]> newSecret) {
            this(channelVmId, socketPath, definitionChanged, newSecret, Optional.empty());
        }
    }
}
