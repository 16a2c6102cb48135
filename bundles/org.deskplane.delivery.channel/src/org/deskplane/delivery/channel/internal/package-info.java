/**
 * The host side of software delivery over the agent channel: {@link org.deskplane.delivery.channel.internal.AgentLink}
 * turns requests to a VM's agent into bounded calls with clear errors; the guest processor
 * {@link org.deskplane.delivery.channel.internal.AgentGuestProcessor} and the delivery method
 * {@link org.deskplane.delivery.channel.internal.ChannelCopyMethod} are built on it.
 */
package org.deskplane.delivery.channel.internal;
