package org.deskplane.agent.tests;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

import org.deskplane.channel.api.AgentInfo;
import org.deskplane.channel.api.ChannelMessage;
import org.deskplane.channel.api.ChannelPeer;
import org.deskplane.channel.api.ChannelStream;
import org.deskplane.channel.api.MessageHandler;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;

/** Finds MessageHandler services by message type, as the channel's whiteboard does, and calls them. */
final class HandlerServices implements AutoCloseable {
    private final BundleContext context = FrameworkUtil.getBundle(HandlerServices.class).getBundleContext();
    private final List<ServiceTracker<?, ?>> trackers = new ArrayList<>();

    MessageHandler await(String messageType) throws Exception {
        String filter = "(&(objectClass=" + MessageHandler.class.getName() + ")(" + MessageHandler.MESSAGE_TYPE + "="
                + messageType + "))";
        ServiceTracker<MessageHandler, MessageHandler> tracker = new ServiceTracker<>(context, context.createFilter(filter), null);
        tracker.open();
        trackers.add(tracker);
        MessageHandler handler = tracker.waitForService(30_000);
        assertNotNull(handler, "no MessageHandler for '" + messageType + "' within 30 s");
        return handler;
    }

    /** Calls the handler with a request from {@code peer} and waits (bounded) for its answer. */
    static byte[] call(MessageHandler handler, String messageType, byte[] body, ChannelPeer peer) throws Exception {
        CompletionStage<byte[]> answer = handler.handle(new ChannelMessage(messageType, 17L, body), peer);
        return answer.toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        trackers.forEach(ServiceTracker::close);
    }

    /** The host as a guest-side handler sees it: only its VM id matters to the handlers. */
    record HostPeer(String vmId) implements ChannelPeer {
        @Override
        public boolean isConnected() {
            return true;
        }

        @Override
        public Optional<AgentInfo> agentInfo() {
            return Optional.empty();
        }

        @Override
        public CompletionStage<byte[]> request(String messageType, byte[] body, java.time.Duration timeout) {
            throw new UnsupportedOperationException("handlers under test do not call back");
        }

        @Override
        public void publish(String messageType, byte[] body) {
            throw new UnsupportedOperationException("handlers under test do not publish");
        }

        @Override
        public ChannelStream openStream(String streamType) {
            throw new UnsupportedOperationException("handlers under test do not open streams");
        }
    }
}
