package org.deskplane.channel.internal.session;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;

import org.deskplane.channel.api.AgentInfo;
import org.deskplane.channel.api.ChannelException;
import org.deskplane.channel.api.ChannelListener;
import org.deskplane.channel.api.ChannelMessage;
import org.deskplane.channel.api.ChannelPeer;
import org.deskplane.channel.api.ChannelStream;
import org.deskplane.channel.api.MessageHandler;
import org.deskplane.channel.internal.wire.FrameCodec;
import org.deskplane.channel.internal.wire.FrameType;
import org.deskplane.channel.internal.wire.PayloadWriter;

/**
 * Everything about one peer that outlives a connection: the outbound queue, the remembered incoming
 * requests, the agent's self-description, and which connection (if any) is current.
 */
public final class PeerState implements ChannelPeer {

    private final String vmId;
    private final ChannelCore core;
    private final OutboundQueue outbound;
    private final IncomingRequests incoming = new IncomingRequests();
    private final AtomicLong nextRequestId = new AtomicLong(1);
    private volatile Connection connection;
    private volatile AgentInfo agentInfo;

    public PeerState(String vmId, ChannelCore core) {
        this.vmId = vmId;
        this.core = core;
        this.outbound = new OutboundQueue(core.settings().queueMaxCount(), core.settings().queueMaxBytes());
    }

    @Override
    public String vmId() {
        return vmId;
    }

    @Override
    public boolean isConnected() {
        Connection c = connection;
        return c != null && c.isOpen();
    }

    @Override
    public Optional<AgentInfo> agentInfo() {
        return Optional.ofNullable(agentInfo);
    }

    public OutboundQueue outbound() {
        return outbound;
    }

    public Optional<Connection> connection() {
        return Optional.ofNullable(connection);
    }

    @Override
    public CompletionStage<byte[]> request(String messageType, byte[] body, Duration timeout) {
        if (core.isClosed()) {
            return CompletableFuture.failedFuture(new ChannelException(ChannelException.CLOSED, "the channel endpoint is closed"));
        }
        long id = nextRequestId.getAndIncrement();
        long timeoutMillis = Math.max(1, Math.min(timeout.toMillis(), Integer.MAX_VALUE));
        byte[] payload = new PayloadWriter().u64(id).u32((int) timeoutMillis).str(messageType).bytes(body).toByteArray();
        ChannelException tooBig = checkSize(payload);
        if (tooBig != null) {
            return CompletableFuture.failedFuture(tooBig);
        }
        CompletableFuture<byte[]> future = new CompletableFuture<>();
        if (!outbound.offer(new OutboundQueue.Entry(id, FrameType.REQUEST, payload, future))) {
            return CompletableFuture.failedFuture(queueFull());
        }
        ScheduledFuture<?> timer = core.scheduler().schedule(() -> {
            if (outbound.remove(id) != null) {
                future.completeExceptionally(new ChannelException(ChannelException.TIMEOUT, "no response to '"
                        + messageType + "' from " + vmId + " within " + timeoutMillis + " ms"));
            }
        }, timeoutMillis, TimeUnit.MILLISECONDS);
        future.whenComplete((r, e) -> timer.cancel(false));
        wakeWriter(); // never write on the caller's thread: a peer that stops reading must not block request()
        return future;
    }

    @Override
    public void publish(String messageType, byte[] body) {
        byte[] payload = new PayloadWriter().str(messageType).bytes(body).toByteArray();
        ChannelException tooBig = checkSize(payload);
        if (tooBig != null) {
            throw tooBig;
        }
        if (!outbound.offer(new OutboundQueue.Entry(-1, FrameType.EVENT, payload, null))) {
            throw queueFull();
        }
        wakeWriter();
    }

    @Override
    public ChannelStream openStream(String streamType) {
        Connection c = connection;
        if (c == null || !c.isOpen()) {
            throw new ChannelException(ChannelException.NOT_CONNECTED, vmId + " is not connected");
        }
        return c.openStream(streamType);
    }

    private ChannelException checkSize(byte[] payload) {
        Connection c = connection;
        int limit = c != null ? c.params().maxFrame() : FrameCodec.HARD_MAX_FRAME;
        if (payload.length > limit) {
            return new ChannelException(ChannelException.FRAME_TOO_LARGE,
                    "message of " + payload.length + " bytes exceeds the frame limit of " + limit + "; use a stream");
        }
        return null;
    }

    private ChannelException queueFull() {
        return new ChannelException(ChannelException.QUEUE_FULL, "outbound queue for " + vmId + " is full ("
                + outbound.size() + " messages, " + outbound.bytes() + " bytes)");
    }

    private void wakeWriter() {
        Connection c = connection;
        if (c != null) {
            c.wakeWriter();
        }
    }

    OutboundQueue.Entry nextToSend(Connection asking) {
        return outbound.pollToSend(() -> connection == asking && asking.isOpen());
    }

    /** A new authenticated session: it becomes current, and everything unanswered goes out again on it. */
    public void attach(Connection c, AgentInfo info, long peerInstance) {
        Connection old;
        synchronized (this) {
            old = connection;
            connection = c;
            agentInfo = info;
            incoming.peerInstance(peerInstance);
            outbound.requeueAll();
        }
        if (old != null && old != c) {
            old.close(ChannelException.CLOSED, "replaced by a new session", true, true);
        }
        c.wakeWriter();
        for (ChannelListener l : core.handlers().listeners()) {
            core.executor().execute(() -> l.sessionUp(this));
        }
    }

    void detach(Connection c, String reason) {
        synchronized (this) {
            if (connection != c) {
                return;
            }
            connection = null;
        }
        for (ChannelListener l : core.handlers().listeners()) {
            core.executor().execute(() -> l.sessionDown(this, reason));
        }
    }

    void onResponse(long requestId, byte[] body, ChannelException error) {
        OutboundQueue.Entry e = outbound.remove(requestId);
        if (e == null) {
            return; // timed out meanwhile, or a duplicate answer to a resent request
        }
        if (error != null) {
            e.future().completeExceptionally(error);
        } else {
            e.future().complete(body);
        }
    }

    void onRequest(Connection c, long requestId, String type, byte[] body) {
        IncomingRequests.Begin begin = incoming.begin(requestId);
        if (begin.cachedResponse() != null) {
            c.control(FrameType.RESPONSE, 0, 0, begin.cachedResponse());
            return;
        }
        if (!begin.run()) {
            return; // still running from before the reconnect; its response goes out on the current session
        }
        core.executor().execute(() -> dispatch(begin.instance(), requestId, type, body));
    }

    private void dispatch(long instance, long requestId, String type, byte[] body) {
        MessageHandler handler = core.handlers().messageHandler(type).orElse(null);
        if (handler == null) {
            respond(instance, requestId, null, ChannelException.NO_HANDLER, "no handler for message type '" + type + "'");
            return;
        }
        try {
            handler.handle(new ChannelMessage(type, requestId, body), this).whenComplete((result, failure) -> {
                if (failure != null) {
                    respond(instance, requestId, null, ChannelException.HANDLER_FAILED, describe(failure));
                } else {
                    respond(instance, requestId, result == null ? new byte[0] : result, null, null);
                }
            });
        } catch (RuntimeException | LinkageError e) {
            respond(instance, requestId, null, ChannelException.HANDLER_FAILED, describe(e));
        }
    }

    private static String describe(Throwable t) {
        Throwable cause = t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
        return cause.getMessage() != null ? cause.getMessage() : cause.getClass().getSimpleName();
    }

    private void respond(long instance, long requestId, byte[] body, String code, String message) {
        PayloadWriter w = new PayloadWriter().u64(requestId);
        if (code == null) {
            w.u8(0).bytes(body);
        } else {
            w.u8(1).str(code).str(message.length() > 2000 ? message.substring(0, 2000) : message);
        }
        byte[] payload = w.toByteArray();
        Connection c = connection;
        if (payload.length > (c != null ? c.params().maxFrame() : FrameCodec.HARD_MAX_FRAME)) {
            payload = new PayloadWriter().u64(requestId).u8(1).str(ChannelException.FRAME_TOO_LARGE)
                    .str("the response of " + payload.length + " bytes exceeds the frame limit").toByteArray();
        }
        if (!incoming.finish(instance, requestId, payload)) {
            return;
        }
        if (c != null) {
            c.control(FrameType.RESPONSE, 0, 0, payload);
        }
    }

    void onEvent(String type, byte[] body) {
        ChannelMessage event = new ChannelMessage(type, 0, body);
        for (ChannelListener l : core.handlers().listeners()) {
            core.executor().execute(() -> {
                try {
                    l.eventReceived(this, event);
                } catch (RuntimeException e) {
                    ChannelCore.LOG.log(Level.WARNING, "channel listener failed on event " + type, e);
                }
            });
        }
    }

    /** The endpoint shuts down: fail what is still queued, end the session. */
    public void shutdown(String reason) {
        Connection c = connection;
        if (c != null) {
            c.close(ChannelException.CLOSED, reason, true, true);
        }
        for (OutboundQueue.Entry e : outbound.drainAll()) {
            e.future().completeExceptionally(new ChannelException(ChannelException.CLOSED, reason));
        }
    }
}
