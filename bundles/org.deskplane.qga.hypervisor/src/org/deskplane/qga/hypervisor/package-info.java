/**
 * The QEMU guest agent of a VM reached through its hypervisor ({@code virDomainQemuAgentCommand} on libvirt)
 * instead of a socket of our own: {@link org.deskplane.qga.hypervisor.VmGuestAgents} opens a
 * {@link org.deskplane.qga.api.GuestAgentClient} for a {@link org.deskplane.hypervisor.api.VmId}. This works for
 * any VM whose definition has the standard {@code org.qemu.guest_agent.0} channel, including VMs Deskplane did
 * not create, and on remote hosts.
 */
@org.osgi.annotation.versioning.Version("1.0.0")
package org.deskplane.qga.hypervisor;
