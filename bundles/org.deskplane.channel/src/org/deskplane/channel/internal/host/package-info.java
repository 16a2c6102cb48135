/**
 * The host's side: the handshake that verifies agents, per-VM secrets on disk, the socket connector
 * per VM (the host is a client of the socket QEMU binds), a listener for agents that connect themselves
 * (tests, endpoints), and the DS components that run them from ConfigurationAdmin.
 */
package org.deskplane.channel.internal.host;
