package org.deskplane.channel.internal.session;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;

import org.deskplane.channel.api.ChannelException;
import org.deskplane.channel.api.ChannelStream;
import org.deskplane.channel.api.StreamHandler;
import org.deskplane.channel.internal.wire.Frame;
import org.deskplane.channel.internal.wire.FrameCodec;
import org.deskplane.channel.internal.wire.FrameType;
import org.deskplane.channel.internal.wire.PayloadReader;
import org.deskplane.channel.internal.wire.PayloadWriter;
import org.deskplane.channel.internal.wire.ProtocolException;
import org.deskplane.channel.internal.wire.Reason;

/**
 * One authenticated session on a transport. The reader thread (the caller of {@link #run()}) never writes:
 * what it has to answer (PONG, WINDOW_UPDATE, responses) goes to a bounded control queue drained by this
 * connection's writer thread, so two peers that both stop reading cannot deadlock each other's readers.
 */
public final class Connection {

    /** Negotiated parameters of this session. */
    public record Params(int version, int maxFrame, int peerStreamWindow, int heartbeatMillis, boolean agentSide) {
    }

    private record ControlFrame(int type, int flags, int stream, byte[] payload) {
    }

    private final Transport transport;
    private final InputStream in;
    private final FrameSink sink;
    private final ChannelCore core;
    private final PeerState peer;
    private final Params params;
    private final ConcurrentLinkedQueue<ControlFrame> control = new ConcurrentLinkedQueue<>();
    private final AtomicLong controlBytes = new AtomicLong();
    private final Semaphore wake = new Semaphore(0);
    private final Map<Integer, StreamImpl> streams = new ConcurrentHashMap<>();
    private final AtomicInteger nextStreamId;
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile long lastReceived = System.nanoTime();
    private volatile String closeReason;
    private ScheduledFuture<?> heartbeat;

    public Connection(Transport transport, InputStream in, FrameSink sink, ChannelCore core, PeerState peer, Params params) {
        this.transport = transport;
        this.in = in;
        this.sink = sink;
        this.core = core;
        this.peer = peer;
        this.params = params;
        this.nextStreamId = new AtomicInteger(params.agentSide() ? 1 : 2);
    }

    public Params params() {
        return params;
    }

    ChannelSettings settings() {
        return core.settings();
    }

    int dataChunk() {
        return Math.min(params.maxFrame(), FrameSink.CHUNK);
    }

    public boolean isOpen() {
        return !closed.get();
    }

    public String closeReason() {
        return closeReason;
    }

    public String describe() {
        return transport.describe();
    }

    /**
     * Runs the session on the calling thread until it ends. Returns a HELLO frame when the agent started over
     * on the same pipe (host side, virtio-serial); the transport then stays open for the new handshake.
     */
    public Frame run() {
        // a platform thread: waking it is faster and steadier than scheduling a virtual thread (round-trip p99)
        Thread writer = Thread.ofPlatform().daemon().name("deskplane-channel-writer-" + peer.vmId()).start(this::writeLoop);
        long interval = params.heartbeatMillis();
        heartbeat = core.scheduler().scheduleAtFixedRate(this::checkHeartbeat, interval, interval, TimeUnit.MILLISECONDS);
        try {
            while (true) {
                Frame f = FrameCodec.read(in, params.maxFrame());
                if (f == null) {
                    close(ChannelException.CLOSED, "peer closed the connection", false, true);
                    return null;
                }
                lastReceived = System.nanoTime();
                if (f.type() == FrameType.HELLO && !params.agentSide()) {
                    close(ChannelException.CLOSED, "agent started a new session on the same channel", false, false);
                    return f;
                }
                if (f.type() == FrameType.GOAWAY) {
                    Reason r = Reason.decode(f.payload());
                    close(r.code(), "peer ended the session: " + r.message(), false, true);
                    return null;
                }
                dispatch(f);
            }
        } catch (ProtocolException e) {
            close(e.code(), e.getMessage(), true, true);
            return null;
        } catch (IOException | RuntimeException e) {
            close(ChannelException.CLOSED, "connection lost: " + e, false, true);
            return null;
        } finally {
            writer.interrupt();
        }
    }

    private void dispatch(Frame f) throws IOException {
        switch (f.type()) {
            case FrameType.REQUEST -> {
                PayloadReader r = new PayloadReader(f.payload());
                long requestId = r.u64();
                r.u32(); // the sender's timeout: it gives up by itself, the handler finishes anyway
                String type = r.str();
                peer.onRequest(this, requestId, type, r.rest());
            }
            case FrameType.RESPONSE -> {
                PayloadReader r = new PayloadReader(f.payload());
                long requestId = r.u64();
                int status = r.u8();
                if (status == 0) {
                    peer.onResponse(requestId, r.rest(), null);
                } else if (status == 1) {
                    String code = r.str();
                    String message = r.str();
                    r.end();
                    peer.onResponse(requestId, null, new ChannelException(code, message));
                } else {
                    throw new ProtocolException(ChannelException.PROTOCOL_ERROR, "unknown response status " + status);
                }
            }
            case FrameType.EVENT -> {
                PayloadReader r = new PayloadReader(f.payload());
                String type = r.str();
                peer.onEvent(type, r.rest());
            }
            case FrameType.STREAM_OPEN -> onStreamOpen(f);
            case FrameType.STREAM_DATA -> {
                StreamImpl s = streams.get(f.stream());
                if (s != null) {
                    s.onData(f.payload(), f.fin());
                } else if (f.payload().length > 0) {
                    // data racing our reset: the credit it used is the peer's problem, but it must be ours to drop
                    checkKnownStreamId(f.stream());
                }
            }
            case FrameType.WINDOW_UPDATE -> {
                PayloadReader r = new PayloadReader(f.payload());
                int increment = r.u32();
                r.end();
                StreamImpl s = streams.get(f.stream());
                if (s != null) {
                    s.onWindowUpdate(increment);
                }
            }
            case FrameType.STREAM_RESET -> {
                Reason reason = Reason.decode(f.payload());
                StreamImpl s = streams.get(f.stream());
                if (s != null) {
                    s.onReset(reason.code(), reason.message());
                }
            }
            case FrameType.PING -> {
                if (f.payload().length != 8) {
                    throw new ProtocolException(ChannelException.PROTOCOL_ERROR, "PING payload must be 8 bytes");
                }
                control(FrameType.PONG, 0, 0, f.payload());
            }
            case FrameType.PONG -> {
                // any frame counts as a sign of life; lastReceived is already updated
            }
            default -> {
                if ((f.flags() & Frame.FLAG_IGNORABLE) == 0 || FrameType.isKnown(f.type())) {
                    throw new ProtocolException(ChannelException.PROTOCOL_ERROR,
                            "unexpected frame type 0x" + Integer.toHexString(f.type()) + " in an established session");
                }
            }
        }
    }

    private void checkKnownStreamId(int id) throws ProtocolException {
        boolean ours = (id % 2 == 1) == params.agentSide();
        int highest = nextStreamId.get();
        if (id == 0 || (ours && id >= highest)) {
            throw new ProtocolException(ChannelException.PROTOCOL_ERROR, "data for stream " + id + " that was never opened");
        }
    }

    private void onStreamOpen(Frame f) throws ProtocolException {
        PayloadReader r = new PayloadReader(f.payload());
        String type = r.str();
        r.end();
        int id = f.stream();
        boolean fromAgent = id % 2 == 1;
        if (id == 0 || fromAgent == params.agentSide() || streams.containsKey(id)) {
            throw new ProtocolException(ChannelException.PROTOCOL_ERROR, "STREAM_OPEN with invalid stream id " + id);
        }
        if (streams.size() >= core.settings().maxStreams()) {
            control(FrameType.STREAM_RESET, 0, id, new Reason(ChannelException.FLOW_CONTROL,
                    "too many open streams (limit " + core.settings().maxStreams() + ")").encode());
            return;
        }
        StreamHandler handler = core.handlers().streamHandler(type).orElse(null);
        if (handler == null) {
            control(FrameType.STREAM_RESET, 0, id,
                    new Reason(ChannelException.NO_HANDLER, "no handler for stream type '" + type + "'").encode());
            return;
        }
        StreamImpl stream = new StreamImpl(id, type, this, params.peerStreamWindow(), core.settings().streamWindow());
        streams.put(id, stream);
        core.executor().execute(() -> {
            try {
                handler.accept(stream, peer);
                stream.close();
            } catch (Exception | LinkageError e) {
                stream.reset(ChannelException.HANDLER_FAILED, String.valueOf(e.getMessage()));
            }
        });
    }

    /** Opens a stream to the peer's handler for the type. */
    public ChannelStream openStream(String type) {
        if (!isOpen()) {
            throw new ChannelException(ChannelException.NOT_CONNECTED, "the session is closed");
        }
        if (streams.size() >= core.settings().maxStreams()) {
            throw new ChannelException(ChannelException.FLOW_CONTROL, "too many open streams");
        }
        int id = nextStreamId.getAndAdd(2);
        StreamImpl stream = new StreamImpl(id, type, this, params.peerStreamWindow(), core.settings().streamWindow());
        streams.put(id, stream);
        try {
            byte[] open = new PayloadWriter().str(type).toByteArray();
            if (!sink.tryWrite(FrameType.STREAM_OPEN, 0, id, open, 0, open.length, core.settings().streamWriteTimeoutMillis())) {
                streams.remove(id);
                throw new ChannelException(ChannelException.TIMEOUT, "could not open stream: the channel is blocked");
            }
        } catch (IOException e) {
            streams.remove(id);
            close(ChannelException.CLOSED, "write failed: " + e, false, true);
            throw new ChannelException(ChannelException.CLOSED, "could not open stream", e);
        }
        return stream;
    }

    void writeData(int stream, int flags, byte[] b, int off, int len) throws IOException {
        if (!isOpen()) {
            throw new IOException(new ChannelException(ChannelException.CLOSED, "session closed: " + closeReason));
        }
        try {
            if (!sink.tryWrite(FrameType.STREAM_DATA, flags, stream, b, off, len, core.settings().streamWriteTimeoutMillis())) {
                throw new IOException(new ChannelException(ChannelException.TIMEOUT,
                        "the channel stayed blocked (peer not reading) for " + core.settings().streamWriteTimeoutMillis() + " ms"));
            }
        } catch (IOException e) {
            if (!(e.getCause() instanceof ChannelException)) {
                close(ChannelException.CLOSED, "write failed: " + e, false, true);
            }
            throw e;
        }
    }

    void forgetStream(int id) {
        streams.remove(id);
    }

    public long bufferedStreamBytes() {
        return streams.values().stream().mapToLong(StreamImpl::bufferedBytes).sum();
    }

    /** Queues a frame for the writer thread; a peer that lets this grow past its bound is cut off. */
    void control(int type, int flags, int stream, byte[] payload) {
        if (!isOpen()) {
            return;
        }
        if (controlBytes.addAndGet(payload.length + FrameCodec.HEADER_BYTES) > core.settings().controlMaxBytes()) {
            close(ChannelException.FLOW_CONTROL, "peer does not read what we send (" + controlBytes.get()
                    + " bytes of answers waiting)", false, true);
            return;
        }
        control.add(new ControlFrame(type, flags, stream, payload));
        wake.release();
    }

    /** Tells the writer that the peer's outbound queue has something. */
    void wakeWriter() {
        wake.release();
    }

    private void writeLoop() {
        try {
            while (isOpen()) {
                wake.acquire();
                wake.drainPermits();
                boolean more = true;
                while (more && isOpen()) {
                    more = writeBatch();
                }
            }
        } catch (InterruptedException e) {
            // the session ended
        } catch (IOException e) {
            close(ChannelException.CLOSED, "write failed: " + e, false, true);
        }
    }

    /** Writes up to a batch of frames under one lock hold, then flushes; true when more may be waiting. */
    private boolean writeBatch() throws IOException {
        sink.lock().lock();
        try {
            int written = 0;
            while (written < 64) {
                if (!isOpen()) {
                    return false;
                }
                ControlFrame c = control.poll();
                if (c != null) {
                    controlBytes.addAndGet(-(c.payload.length + FrameCodec.HEADER_BYTES));
                    sink.writeLocked(c.type, c.flags, c.stream, c.payload);
                    written++;
                    continue;
                }
                OutboundQueue.Entry e = peer.nextToSend(this);
                if (e == null) {
                    break;
                }
                sink.writeLocked(e.frameType(), 0, 0, e.payload());
                written++;
            }
            if (written > 0) {
                sink.flushLocked();
            }
            return written == 64;
        } finally {
            sink.lock().unlock();
        }
    }

    private void checkHeartbeat() {
        long idle = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - lastReceived);
        if (idle >= 3L * params.heartbeatMillis()) {
            close(ChannelException.TIMEOUT, "no frame from the peer for " + idle + " ms (heartbeat)", true, true);
        } else if (idle >= params.heartbeatMillis()) {
            control(FrameType.PING, 0, 0, new PayloadWriter().u64(System.nanoTime()).toByteArray());
        }
    }

    /** Ends the session once: GOAWAY if asked (best effort), streams reset, peer told, pipe closed if asked. */
    public void close(String code, String reason, boolean sendGoaway, boolean closeTransport) {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        closeReason = reason;
        if (heartbeat != null) {
            heartbeat.cancel(false);
        }
        wake.release();
        try {
            if (sink.lock().tryLock(200, TimeUnit.MILLISECONDS)) {
                // also a barrier: no frame of this session is written after this point
                try {
                    if (sendGoaway) {
                        sink.writeLocked(FrameType.GOAWAY, 0, 0, new Reason(code, reason).encode());
                        sink.flushLocked();
                    }
                } catch (IOException e) {
                    // the pipe is gone already
                } finally {
                    sink.lock().unlock();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (closeTransport) {
            transport.close();
        }
        for (StreamImpl s : streams.values()) {
            s.onReset(ChannelException.CLOSED, "session closed: " + reason);
        }
        streams.clear();
        ChannelCore.LOG.log(ChannelException.CLOSED.equals(code) ? Level.FINE : Level.INFO,
                () -> "channel session with " + peer.vmId() + " ended (" + code + "): " + reason);
        peer.detach(this, reason);
    }
}
