/**
 * Gives a hypervisor VM a Deskplane agent channel: {@link org.deskplane.channel.libvirt.AgentChannels} adds the
 * virtio-serial port {@code org.deskplane.agent.0} (a Unix socket QEMU binds) to the VM's definition, makes
 * the VM's channel secret and has the host channel keep a session to the VM. Depends on the hypervisor API
 * and the channel API only, so neither of those depends on the other.
 */
@org.osgi.annotation.versioning.Version("1.0.0")
package org.deskplane.channel.libvirt;
