/**
 * The guest↔host channel as capabilities see it: a {@link org.deskplane.channel.api.ChannelPeer} to send
 * requests, publish events and open flow-controlled streams; {@link org.deskplane.channel.api.MessageHandler}
 * and {@link org.deskplane.channel.api.StreamHandler} services (whiteboard, keyed by a service property)
 * that answer the other side; {@link org.deskplane.channel.api.ChannelListener} for sessions and events;
 * {@link org.deskplane.channel.api.HostChannel} for the host's view of all agents. The wire protocol is
 * specified in docs/channel-protocol.md.
 */
@org.osgi.annotation.versioning.Version("1.0.0")
package org.deskplane.channel.api;
