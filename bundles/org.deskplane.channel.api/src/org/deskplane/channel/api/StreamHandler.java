package org.deskplane.channel.api;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Accepts streams of one type opened by the peer; registered as a service with property
 * {@value #STREAM_TYPE}. Called on its own thread; it may block reading and writing the stream.
 */
@ConsumerType
public interface StreamHandler {

    String STREAM_TYPE = "deskplane.channel.stream.type";

    void accept(ChannelStream stream, ChannelPeer from) throws Exception;
}
