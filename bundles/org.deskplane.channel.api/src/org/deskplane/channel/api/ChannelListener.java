package org.deskplane.channel.api;

import org.osgi.annotation.versioning.ConsumerType;

/** Whiteboard service told about sessions going up and down and about events from peers. */
@ConsumerType
public interface ChannelListener {

    default void sessionUp(ChannelPeer peer) {
    }

    default void sessionDown(ChannelPeer peer, String reason) {
    }

    default void eventReceived(ChannelPeer peer, ChannelMessage event) {
    }
}
