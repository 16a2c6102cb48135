package org.deskplane.delivery.channel.internal;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

import org.deskplane.channel.api.ChannelException;
import org.deskplane.channel.api.ChannelPeer;
import org.deskplane.channel.api.HostChannel;
import org.deskplane.delivery.api.DeliveryException;
import org.deskplane.delivery.api.DeliveryException.Reason;
import org.deskplane.delivery.wire.WireException;
import org.deskplane.delivery.wire.WireMessage;

/**
 * Requests to the Deskplane agent of one VM. Only a connected agent is asked: the channel would queue a request for
 * an agent that is away until it comes back, and a delivery must hear "agent unavailable" at once instead. Every
 * wait is bounded by the caller's timeout (plus a little, in case the channel's own timer is late).
 */
final class AgentLink {
    private static final Duration GRACE = Duration.ofSeconds(2);
    /** The agent's refusals of bad requests start with this (see the protocol document). */
    static final String INVALID_PREFIX = "invalid:";
    private final Supplier<HostChannel> channel;

    AgentLink(Supplier<HostChannel> channel) {
        this.channel = channel;
    }

    /** The VM's agent when it is connected now. */
    Optional<ChannelPeer> connected(String vmUuid) {
        HostChannel host = channel.get();
        if (host == null) {
            return Optional.empty();
        }
        return host.connectedAgents().stream().filter(p -> p.vmId().equalsIgnoreCase(vmUuid) && p.isConnected())
                .findFirst();
    }

    ChannelPeer require(String vmUuid, String vmName) throws DeliveryException {
        if (channel.get() == null) {
            throw new DeliveryException(Reason.AGENT_UNAVAILABLE, "agent unavailable: the agent channel is not running on this server");
        }
        return connected(vmUuid).orElseThrow(() -> new DeliveryException(Reason.AGENT_UNAVAILABLE,
                "agent unavailable: the Deskplane agent of VM " + describe(vmUuid, vmName) + " is not connected"));
    }

    /** Sends one request and reads the answer; every failure becomes a {@link DeliveryException} that says what happened. */
    WireMessage ask(String vmUuid, String vmName, String type, WireMessage body, Duration timeout) throws DeliveryException {
        ChannelPeer peer = require(vmUuid, vmName);
        String vm = describe(vmUuid, vmName);
        byte[] answer;
        try {
            answer = peer.request(type, body.toBytes(), timeout).toCompletableFuture()
                    .get(timeout.plus(GRACE).toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw noAnswer(vm, type, timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeliveryException(Reason.TRANSIENT, type + " to VM " + vm + " interrupted", e);
        } catch (ExecutionException e) {
            throw translate(vm, type, timeout, e.getCause());
        } catch (ChannelException e) {
            throw translate(vm, type, timeout, e);
        }
        try {
            return WireMessage.parse(answer);
        } catch (WireException e) {
            throw new DeliveryException(Reason.FAILED, "the agent of VM " + vm + " answered " + type + " with a malformed message: " + e.getMessage());
        }
    }

    static DeliveryException translate(String vm, String type, Duration timeout, Throwable failure) {
        if (!(failure instanceof ChannelException ce)) {
            return new DeliveryException(Reason.FAILED, type + " to VM " + vm + " failed: " + failure, failure);
        }
        String detail = remoteMessage(ce);
        return switch (ce.code()) {
            case ChannelException.TIMEOUT -> noAnswer(vm, type, timeout);
            case ChannelException.CLOSED, ChannelException.NOT_CONNECTED -> new DeliveryException(Reason.AGENT_UNAVAILABLE,
                    "agent unavailable: the Deskplane agent of VM " + vm + " disconnected during " + type, ce);
            case ChannelException.NO_HANDLER -> new DeliveryException(Reason.AGENT_UNAVAILABLE,
                    "agent unavailable: the Deskplane agent of VM " + vm + " has no software delivery support (org.deskplane.delivery.agent is not installed)", ce);
            case ChannelException.QUEUE_FULL, ChannelException.FLOW_CONTROL -> new DeliveryException(Reason.TRANSIENT,
                    "the channel to VM " + vm + " is busy: " + detail, ce);
            case ChannelException.HANDLER_FAILED -> detail.startsWith(INVALID_PREFIX)
                    ? new DeliveryException(Reason.INVALID, "the agent of VM " + vm + " refused " + type + ": "
                            + detail.substring(INVALID_PREFIX.length()).strip(), ce)
                    : new DeliveryException(Reason.FAILED, "the agent of VM " + vm + " failed " + type + ": " + detail, ce);
            default -> new DeliveryException(Reason.FAILED, type + " to VM " + vm + " failed: " + ce.getMessage(), ce);
        };
    }

    private static DeliveryException noAnswer(String vm, String type, Duration timeout) {
        return new DeliveryException(Reason.AGENT_UNAVAILABLE, "agent unavailable: the Deskplane agent of VM " + vm
                + " did not answer " + type + " within " + timeout.toMillis() + " ms");
    }

    /** The remote side's message without the "code: " prefix the exception adds. */
    private static String remoteMessage(ChannelException e) {
        String m = String.valueOf(e.getMessage());
        String prefix = e.code() + ": ";
        return m.startsWith(prefix) ? m.substring(prefix.length()) : m;
    }

    static String describe(String uuid, String name) {
        return name == null || name.isBlank() ? uuid.toLowerCase(Locale.ROOT) : name + " (" + uuid.toLowerCase(Locale.ROOT) + ")";
    }
}
