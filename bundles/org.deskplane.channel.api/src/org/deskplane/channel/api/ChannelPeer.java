package org.deskplane.channel.api;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The other end of a channel: on the host, one agent (per VM id); in the agent, the host. A peer exists
 * while disconnected too — requests made then wait in its bounded outbound queue and go out after the
 * next handshake (see the protocol document, "Reconnect without losing queued work").
 */
@ProviderType
public interface ChannelPeer {

    /** The VM (or endpoint) id this peer is about; on the agent side, the agent's own VM id. */
    String vmId();

    boolean isConnected();

    /** What the agent told in its handshake; empty before the first handshake. */
    Optional<AgentInfo> agentInfo();

    /**
     * Sends a request and completes with the response body. Fails with a {@link ChannelException}: the
     * remote handler's error, {@code timeout}, {@code queue-full} (at once), {@code closed}.
     */
    CompletionStage<byte[]> request(String messageType, byte[] body, Duration timeout);

    /** {@link #request(String, byte[], Duration)} with the default timeout (30 s). */
    default CompletionStage<byte[]> request(String messageType, byte[] body) {
        return request(messageType, body, Duration.ofSeconds(30));
    }

    /** Sends a one-way event (at most once); queued while disconnected. */
    void publish(String messageType, byte[] body) throws ChannelException;

    /** Opens a stream to the peer's {@link StreamHandler} for the type; needs a live connection. */
    ChannelStream openStream(String streamType) throws ChannelException;
}
