package org.deskplane.channel.api;

import java.util.concurrent.CompletionStage;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Answers requests of one message type. Register it as an OSGi service with the property
 * {@value #MESSAGE_TYPE}; the channel picks it up (and drops it) dynamically, so a handler bundle can be
 * updated while sessions run. A request for a type without handler gets the error {@code no-handler}.
 */
@ConsumerType
public interface MessageHandler {

    /** Service property naming the message type(s) handled (String or String[]). */
    String MESSAGE_TYPE = "deskplane.channel.message.type";

    /** Completes with the response body, or exceptionally (→ error {@code handler-failed} to the sender). */
    CompletionStage<byte[]> handle(ChannelMessage request, ChannelPeer from);
}
