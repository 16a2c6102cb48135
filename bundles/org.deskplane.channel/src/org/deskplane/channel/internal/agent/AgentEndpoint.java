package org.deskplane.channel.internal.agent;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.logging.Level;

import org.deskplane.channel.api.AgentInfo;
import org.deskplane.channel.api.AgentInfo.BundleRef;
import org.deskplane.channel.api.ChannelException;
import org.deskplane.channel.internal.host.HostEndpoint;
import org.deskplane.channel.internal.session.Backoff;
import org.deskplane.channel.internal.session.ChannelCore;
import org.deskplane.channel.internal.session.Connection;
import org.deskplane.channel.internal.session.FrameSink;
import org.deskplane.channel.internal.session.PeerState;
import org.deskplane.channel.internal.session.Transport;
import org.deskplane.channel.internal.wire.AuthProofs;
import org.deskplane.channel.internal.wire.Challenge;
import org.deskplane.channel.internal.wire.Frame;
import org.deskplane.channel.internal.wire.FrameCodec;
import org.deskplane.channel.internal.wire.FrameType;
import org.deskplane.channel.internal.wire.Hello;
import org.deskplane.channel.internal.wire.PayloadWriter;
import org.deskplane.channel.internal.wire.ProtocolException;
import org.deskplane.channel.internal.wire.Reason;
import org.deskplane.channel.internal.wire.Welcome;

/**
 * The agent: opens a transport, handshakes, runs the session, and starts over with backoff whenever the
 * transport ends or the host refuses — until closed. The host is one {@link PeerState} whose queue
 * survives all of this.
 */
public final class AgentEndpoint implements AutoCloseable {

    /** Opens a fresh transport (device or socket) for each attempt. */
    @FunctionalInterface
    public interface Connector {
        Transport open() throws IOException;
    }

    private final ChannelCore core;
    private final String vmId;
    private final byte[] secret;
    private final String agentVersion;
    private final Supplier<List<BundleRef>> bundles;
    private final Connector connector;
    private final PeerState host;
    private final long instance;
    private final AtomicLong refusals = new AtomicLong();
    private final AtomicLong sessions = new AtomicLong();
    private volatile String lastRefusal;
    private volatile boolean closed;
    private volatile Transport current;
    private Thread thread;
    private int minVersion = HostEndpoint.MIN_VERSION;
    private int maxVersion = HostEndpoint.MAX_VERSION;

    public AgentEndpoint(ChannelCore core, String vmId, byte[] secret, String agentVersion,
            Supplier<List<BundleRef>> bundles, Connector connector) {
        this.core = core;
        this.vmId = vmId;
        this.secret = secret.clone();
        this.agentVersion = agentVersion;
        this.bundles = bundles;
        this.connector = connector;
        this.host = new PeerState(vmId, core);
        this.instance = core.randomLong();
    }

    /** For tests of version negotiation: state another supported range. */
    public AgentEndpoint versions(int min, int max) {
        this.minVersion = min;
        this.maxVersion = max;
        return this;
    }

    public AgentEndpoint start() {
        // a platform thread: it blocks in reads of the virtio-serial device, and on a 1-vCPU guest a virtual
        // thread blocked there held the only carrier, so request handlers never ran
        thread = Thread.ofPlatform().daemon().name("deskplane-agent-channel-" + vmId).start(this::loop);
        return this;
    }

    public PeerState host() {
        return host;
    }

    public long refusals() {
        return refusals.get();
    }

    public long sessions() {
        return sessions.get();
    }

    public Optional<String> lastRefusal() {
        return Optional.ofNullable(lastRefusal);
    }

    private void loop() {
        Backoff backoff = new Backoff(100, 5_000);
        while (!closed) {
            try (Transport t = connector.open()) {
                current = t;
                if (runOnce(t)) {
                    backoff.reset();
                }
            } catch (IOException | RuntimeException e) {
                ChannelCore.LOG.log(Level.FINE, "channel: connecting to the host failed: " + e);
            } finally {
                current = null;
            }
            if (closed) {
                return;
            }
            try {
                Thread.sleep(backoff.nextDelayMillis());
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** One handshake and session; true when a session was established. */
    private boolean runOnce(Transport t) throws IOException {
        InputStream in = new BufferedInputStream(t.input(), FrameSink.CHUNK + FrameCodec.HEADER_BYTES);
        FrameSink sink = new FrameSink(t.output());
        ScheduledFuture<?> guard = core.scheduler().schedule(t::close, core.settings().handshakeTimeoutMillis(),
                TimeUnit.MILLISECONDS);
        Connection connection;
        try {
            byte[] nonce = core.randomBytes(Hello.NONCE_BYTES);
            sink.write(FrameType.HELLO, 0, 0, new Hello(minVersion, maxVersion, core.settings().maxFrame(),
                    core.settings().streamWindow(), nonce, vmId, instance, agentVersion, bundles.get()).encode());
            Frame f = expect(in, FrameType.CHALLENGE);
            if (f == null) {
                return false;
            }
            Challenge challenge = Challenge.decode(f.payload());
            if (challenge.version() < minVersion || challenge.version() > maxVersion
                    || challenge.maxFrame() > FrameCodec.HARD_MAX_FRAME || challenge.maxFrame() < FrameCodec.MIN_MAX_FRAME) {
                throw new ProtocolException(ChannelException.PROTOCOL_ERROR, "host chose parameters outside our offer");
            }
            sink.write(FrameType.AUTH, 0, 0,
                    new PayloadWriter().bytes(AuthProofs.agentProof(secret, challenge.nonce(), nonce, vmId)).toByteArray());
            f = expect(in, FrameType.WELCOME);
            if (f == null) {
                return false;
            }
            Welcome welcome = Welcome.decode(f.payload());
            if (!AuthProofs.matches(AuthProofs.hostProof(secret, challenge.nonce(), nonce, vmId), welcome.hostProof())) {
                refused(ChannelException.AUTH_FAILED, "the host could not prove it knows this VM's secret");
                return false;
            }
            connection = new Connection(t, in, sink, core, host, new Connection.Params(challenge.version(),
                    challenge.maxFrame(), Math.max(1024, challenge.streamWindow()), Math.max(10, welcome.heartbeatMillis()), true));
            host.attach(connection, new AgentInfo(vmId, agentVersion, challenge.version(), bundles.get()), challenge.instance());
        } catch (ProtocolException e) {
            refused(e.code(), e.getMessage());
            try {
                sink.write(FrameType.GOAWAY, 0, 0, new Reason(e.code(), e.getMessage()).encode());
            } catch (IOException ignored) {
                // the host is gone
            }
            return false;
        } finally {
            guard.cancel(false);
        }
        sessions.incrementAndGet();
        ChannelCore.LOG.info("channel: connected to the host over " + t.describe());
        connection.run();
        return true;
    }

    /** Reads the next handshake frame; REFUSED/GOAWAY or end of stream → null (after recording why). */
    private Frame expect(InputStream in, int type) throws IOException {
        Frame f = FrameCodec.read(in, FrameCodec.HANDSHAKE_MAX_FRAME);
        if (f == null) {
            return null;
        }
        if (f.type() == FrameType.REFUSED || f.type() == FrameType.GOAWAY) {
            Reason r = Reason.decode(f.payload());
            refused(r.code(), r.message());
            return null;
        }
        if (f.type() != type) {
            throw new ProtocolException(ChannelException.PROTOCOL_ERROR, "unexpected frame type 0x"
                    + Integer.toHexString(f.type()) + " in the handshake");
        }
        return f;
    }

    private void refused(String code, String reason) {
        lastRefusal = code + ": " + reason; // before the count: whoever sees the count sees the reason
        refusals.incrementAndGet();
        ChannelCore.LOG.warning("channel: host refused the session (" + code + "): " + reason);
    }

    @Override
    public void close() {
        closed = true;
        host.shutdown("the agent is stopping");
        Transport t = current;
        if (t != null) {
            t.close();
        }
        if (thread != null) {
            thread.interrupt();
        }
        core.close();
    }
}
