package org.deskplane.hypervisor.api;

/**
 * A guest↔host channel of a VM (libvirt {@code <channel>}).
 *
 * @param type   the host side: unix, pty …
 * @param name   the port name the guest sees (e.g. {@code org.deskplane.agent.0})
 * @param path   the host socket path for unix channels, else null
 */
public record ChannelInfo(String type, String name, String path) {
}
