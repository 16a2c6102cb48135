package org.deskplane.agent.internal;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.deskplane.channel.api.ChannelMessage;
import org.deskplane.channel.api.ChannelPeer;
import org.deskplane.channel.api.MessageHandler;
import org.osgi.service.component.annotations.Component;

/** {@code echo}: answers with the request body — the host's round-trip check. */
@Component(property = MessageHandler.MESSAGE_TYPE + "=echo")
public final class EchoHandler implements MessageHandler {

    @Override
    public CompletionStage<byte[]> handle(ChannelMessage request, ChannelPeer from) {
        return CompletableFuture.completedFuture(request.body());
    }
}
