/**
 * Gives a hypervisor VM a Deskplane agent channel: {@link org.deskplane.channel.libvirt.AgentChannels} adds the
 * virtio-serial port {@code org.deskplane.agent.0} (a Unix socket QEMU binds) to the VM's definition, makes
 * the VM's channel secret, hands it to the guest as a key file in the firmware configuration (QEMU fw_cfg) and
 * has the host channel keep a session to the VM. VMs defined on local QEMU connections get all this as soon as
 * they are defined, and lose it when undefined (configurable). Depends on the hypervisor API and the channel API
 * only, so neither of those depends on the other.
 */
@org.osgi.annotation.versioning.Version("1.1.0")
package org.deskplane.channel.libvirt;
