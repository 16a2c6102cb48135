/**
 * A client of the QEMU guest agent ({@code qemu-ga}): the standard way into guests that run the QEMU guest
 * agent but not Deskplane's own agent. {@link org.deskplane.qga.api.GuestAgentClients} opens a
 * {@link org.deskplane.qga.api.GuestAgentClient} on a Unix socket (the host end of a virtio-serial
 * {@code org.qemu.guest_agent.0} channel, or {@code qemu-ga -m unix-listen}) or on any other
 * {@link org.deskplane.qga.api.QgaTransport} (for example libvirt's {@code qemu-agent-command}).
 * Every call has a timeout; every failure is a {@link org.deskplane.qga.api.GuestAgentException}.
 */
@org.osgi.annotation.versioning.Version("1.0.0")
package org.deskplane.qga.api;
