/** The DS component behind {@link org.deskplane.channel.libvirt.AgentChannels}. */
package org.deskplane.channel.libvirt.internal;
