package org.deskplane.channel.internal.session;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import org.deskplane.channel.api.ChannelListener;
import org.deskplane.channel.api.MessageHandler;
import org.deskplane.channel.api.StreamHandler;

/**
 * The handlers that are registered right now, by type. Fed by the DS whiteboard (bind/unbind) so a handler
 * that goes away is simply not found any more ("no-handler"), and one that comes back is found again.
 */
public final class HandlerRegistry {

    private record Registration<T>(T handler, List<String> types) {
    }

    private final List<Registration<MessageHandler>> messageHandlers = new CopyOnWriteArrayList<>();
    private final List<Registration<StreamHandler>> streamHandlers = new CopyOnWriteArrayList<>();
    private final List<ChannelListener> listeners = new CopyOnWriteArrayList<>();

    public void addMessageHandler(MessageHandler handler, Map<String, ?> properties) {
        messageHandlers.add(0, new Registration<>(handler, types(properties.get(MessageHandler.MESSAGE_TYPE))));
    }

    public void removeMessageHandler(MessageHandler handler) {
        messageHandlers.removeIf(r -> r.handler == handler);
    }

    public Optional<MessageHandler> messageHandler(String type) {
        return find(messageHandlers, type);
    }

    public void addStreamHandler(StreamHandler handler, Map<String, ?> properties) {
        streamHandlers.add(0, new Registration<>(handler, types(properties.get(StreamHandler.STREAM_TYPE))));
    }

    public void removeStreamHandler(StreamHandler handler) {
        streamHandlers.removeIf(r -> r.handler == handler);
    }

    public Optional<StreamHandler> streamHandler(String type) {
        return find(streamHandlers, type);
    }

    public void addListener(ChannelListener listener) {
        listeners.add(listener);
    }

    public void removeListener(ChannelListener listener) {
        listeners.remove(listener);
    }

    public List<ChannelListener> listeners() {
        return listeners;
    }

    private static <T> Optional<T> find(List<Registration<T>> registrations, String type) {
        for (Registration<T> r : registrations) {
            if (r.types.contains(type)) {
                return Optional.of(r.handler);
            }
        }
        return Optional.empty();
    }

    private static List<String> types(Object property) {
        if (property instanceof String s) {
            return List.of(s);
        }
        if (property instanceof String[] a) {
            return List.of(a);
        }
        if (property instanceof Collection<?> c) {
            return c.stream().map(String::valueOf).toList();
        }
        return List.of();
    }
}
