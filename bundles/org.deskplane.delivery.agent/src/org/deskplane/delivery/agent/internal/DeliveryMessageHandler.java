package org.deskplane.delivery.agent.internal;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.deskplane.channel.api.ChannelMessage;
import org.deskplane.channel.api.ChannelPeer;
import org.deskplane.channel.api.MessageHandler;
import org.deskplane.delivery.wire.DeliveryWire;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/**
 * Answers the host's {@code delivery.*} requests. They are answered off the channel's thread, because prepare loads
 * kernel modules and release waits for a cancelled step and unmounts.
 */
@Component(service = MessageHandler.class, property = {
        MessageHandler.MESSAGE_TYPE + "=" + DeliveryWire.PREPARE, MessageHandler.MESSAGE_TYPE + "=" + DeliveryWire.START,
        MessageHandler.MESSAGE_TYPE + "=" + DeliveryWire.STATUS, MessageHandler.MESSAGE_TYPE + "=" + DeliveryWire.CANCEL,
        MessageHandler.MESSAGE_TYPE + "=" + DeliveryWire.RELEASE })
public final class DeliveryMessageHandler implements MessageHandler {

    @Reference
    private DeliveryAgentComponent component;

    private final ExecutorService answering = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("delivery-request-", 0).factory());

    @Override
    public CompletionStage<byte[]> handle(ChannelMessage request, ChannelPeer from) {
        DeliveryRequests requests = component.requests();
        return CompletableFuture.supplyAsync(() -> {
            try {
                return requests.answer(request.messageType(), request.body());
            } catch (AgentRefusal e) {
                throw new CompletionException(e);
            }
        }, answering);
    }

    @Deactivate
    void deactivate() {
        answering.shutdownNow();
    }
}
