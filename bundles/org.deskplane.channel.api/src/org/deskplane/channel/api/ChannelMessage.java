package org.deskplane.channel.api;

/**
 * A request or event as a handler receives it. {@code requestId} is unique per sending instance and
 * stays the same when a request is resent after a reconnect: use it as idempotency key (0 for events).
 */
public record ChannelMessage(String messageType, long requestId, byte[] body) {
}
