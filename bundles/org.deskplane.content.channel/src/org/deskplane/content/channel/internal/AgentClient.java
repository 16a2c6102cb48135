package org.deskplane.content.channel.internal;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.deskplane.channel.api.ChannelException;
import org.deskplane.channel.api.ChannelPeer;
import org.deskplane.content.api.ContentException;
import org.deskplane.content.api.ContentException.Reason;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Sends content requests to one agent and turns every way they can fail into a {@link ContentException}: the
 * agent's own refusals (JSON error answers) keep their reason; an agent that is away, slow or lacks the content
 * handlers is UNAVAILABLE. Requests are not queued for an agent that is not connected: the user would wait for
 * nothing.
 */
final class AgentClient {
    static final int VERSION = 1;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ChannelPeer peer;
    private final Duration timeout;

    AgentClient(ChannelPeer peer, Duration timeout) {
        this.peer = peer;
        this.timeout = timeout;
    }

    String vmId() {
        return peer.vmId();
    }

    void requireConnected() throws ContentException {
        if (!peer.isConnected()) {
            throw new ContentException(Reason.UNAVAILABLE, "the agent of desktop " + peer.vmId() + " is not connected");
        }
    }

    /** A request whose answer is JSON; an error answer is thrown. */
    JsonNode json(String type, Map<String, Object> request) throws IOException {
        byte[] answer = call(type, request);
        JsonNode node;
        try {
            node = JSON.readTree(answer);
        } catch (JsonProcessingException e) {
            throw new ContentException(Reason.UNREADABLE, "the agent's " + type + " answer is not JSON", e);
        }
        if (node == null || !node.isObject()) {
            throw new ContentException(Reason.UNREADABLE, "the agent's " + type + " answer is not a JSON object");
        }
        throwIfError(node);
        return node;
    }

    /** A request whose answer is raw: either JSON (an error, thrown) or the caller's binary format. */
    byte[] raw(String type, Map<String, Object> request) throws IOException {
        byte[] answer = call(type, request);
        if (answer.length > 0 && answer[0] == '{') {
            json(answer, type);
        }
        return answer;
    }

    private void json(byte[] answer, String type) throws IOException {
        try {
            throwIfError(JSON.readTree(answer));
        } catch (JsonProcessingException e) {
            throw new ContentException(Reason.UNREADABLE, "the agent's " + type + " answer is not JSON", e);
        }
        throw new ContentException(Reason.UNREADABLE, "the agent's " + type + " answer is JSON but not an error");
    }

    private static void throwIfError(JsonNode node) throws ContentException {
        if (node.path("v").asInt(-1) != VERSION) {
            throw new ContentException(Reason.UNAVAILABLE, "the agent speaks content protocol version "
                    + node.path("v").asText("?") + ", this server " + VERSION);
        }
        JsonNode error = node.get("error");
        if (error != null) {
            throw new ContentException(reason(error.asText()), node.path("message").asText("refused by the agent"));
        }
    }

    private static Reason reason(String code) {
        try {
            return Reason.valueOf(code);
        } catch (IllegalArgumentException e) {
            return Reason.UNREADABLE;
        }
    }

    private byte[] call(String type, Map<String, Object> request) throws IOException {
        requireConnected();
        byte[] body;
        try {
            body = JSON.writeValueAsBytes(request);
        } catch (JsonProcessingException e) {
            throw new ContentException(Reason.INVALID, "cannot encode the request", e);
        }
        try {
            // the channel's own deadline fails the future; the extra second only guards against a lost completion
            return peer.request(type, body, timeout).toCompletableFuture().get(timeout.toMillis() + 1_000,
                    TimeUnit.MILLISECONDS);
        } catch (ExecutionException | CompletionException e) {
            throw translate(type, e.getCause());
        } catch (ChannelException e) {
            throw translate(type, e);
        } catch (TimeoutException | CancellationException e) {
            throw new ContentException(Reason.UNAVAILABLE, "the agent of " + peer.vmId() + " did not answer " + type
                    + " within " + timeout.toSeconds() + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ContentException(Reason.UNAVAILABLE, "interrupted while waiting for the agent", e);
        }
    }

    private ContentException translate(String type, Throwable cause) {
        if (cause instanceof ChannelException c) {
            return switch (c.code()) {
            case ChannelException.QUEUE_FULL -> new ContentException(Reason.BUSY, "too many requests to the agent of "
                    + peer.vmId() + " are waiting", c);
            case ChannelException.FRAME_TOO_LARGE -> new FrameTooLarge(c);
            case ChannelException.NO_HANDLER -> new ContentException(Reason.UNAVAILABLE, "the agent of " + peer.vmId()
                    + " cannot serve files (org.deskplane.content.agent is not installed there)", c);
            default -> new ContentException(Reason.UNAVAILABLE, "the agent of " + peer.vmId() + " could not answer "
                    + type + ": " + c.getMessage(), c);
            };
        }
        return new ContentException(Reason.UNAVAILABLE, "the agent of " + peer.vmId() + " could not answer " + type
                + ": " + cause, cause);
    }

    /** The answer did not fit the channel's negotiated frame: the reader then asks for less. */
    static final class FrameTooLarge extends ContentException {
        private static final long serialVersionUID = 1L;

        FrameTooLarge(ChannelException cause) {
            super(Reason.UNAVAILABLE, "the agent's answer is larger than the channel's frame limit", cause);
        }
    }
}
