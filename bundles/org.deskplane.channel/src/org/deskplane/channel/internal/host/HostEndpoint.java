package org.deskplane.channel.internal.host;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Collection;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;

import org.deskplane.channel.api.AgentInfo;
import org.deskplane.channel.api.ChannelException;
import org.deskplane.channel.api.ChannelPeer;
import org.deskplane.channel.api.HostChannel;
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
import org.deskplane.channel.internal.wire.PayloadReader;
import org.deskplane.channel.internal.wire.ProtocolException;
import org.deskplane.channel.internal.wire.Reason;
import org.deskplane.channel.internal.wire.Welcome;

/**
 * The host: verifies agents (version, challenge–response) on any transport handed to {@link #serve} and
 * keeps one {@link PeerState} per VM id. Plain Java; the DS components wire it to configuration.
 */
public final class HostEndpoint implements HostChannel, AutoCloseable {

    public static final int MIN_VERSION = 1;
    public static final int MAX_VERSION = 1;

    private final ChannelCore core;
    private final SecretStore secrets;
    private final ConcurrentHashMap<String, PeerState> peers = new ConcurrentHashMap<>();
    private final long instance;
    private final AtomicLong refusals = new AtomicLong();
    private volatile String lastRefusal;

    public HostEndpoint(ChannelCore core, SecretStore secrets) {
        this.core = core;
        this.secrets = secrets;
        this.instance = core.randomLong();
    }

    public ChannelCore core() {
        return core;
    }

    @Override
    public PeerState agent(String vmId) {
        if (!SecretStore.isValidVmId(vmId)) {
            throw new IllegalArgumentException("invalid VM id '" + vmId + "'");
        }
        return peers.computeIfAbsent(vmId, id -> new PeerState(id, core));
    }

    @Override
    public Collection<ChannelPeer> connectedAgents() {
        return peers.values().stream().filter(PeerState::isConnected).map(p -> (ChannelPeer) p).toList();
    }

    @Override
    public byte[] provisionSecret(String vmId) {
        byte[] secret = secrets.generate(vmId);
        ChannelCore.LOG.info("channel: provisioned a new secret for " + vmId);
        return secret;
    }

    @Override
    public boolean hasSecret(String vmId) {
        return secrets.exists(vmId);
    }

    public long refusals() {
        return refusals.get();
    }

    public Optional<String> lastRefusal() {
        return Optional.ofNullable(lastRefusal);
    }

    /**
     * Runs handshakes and sessions on the transport until it ends, then closes it. {@code expectedVmId}: the
     * VM whose socket this is (its agent must claim that id), or null when any provisioned VM may connect.
     */
    public void serve(Transport transport, String expectedVmId) {
        InputStream in = new BufferedInputStream(transport.input(), FrameSink.CHUNK + FrameCodec.HEADER_BYTES);
        FrameSink sink = new FrameSink(transport.output());
        ScheduledFuture<?> guard = null;
        try {
            // an unknown connector must say HELLO soon; a VM's own socket may stay quiet until its agent starts
            guard = expectedVmId == null ? closeLater(transport) : null;
            Frame frame = FrameCodec.read(in, FrameCodec.HANDSHAKE_MAX_FRAME);
            while (frame != null && !core.isClosed()) {
                cancel(guard);
                guard = closeLater(transport);
                Session session = handshake(transport, in, sink, frame, expectedVmId);
                cancel(guard);
                guard = null;
                if (session == null) {
                    return;
                }
                if (session.restartHello != null) {
                    frame = session.restartHello;
                    continue;
                }
                frame = session.connection.run();
            }
        } catch (ProtocolException e) {
            goaway(sink, e.code(), e.getMessage());
        } catch (IOException e) {
            ChannelCore.LOG.log(Level.FINE, "channel: " + transport.describe() + " ended: " + e);
        } finally {
            cancel(guard);
            transport.close();
        }
    }

    private record Session(Connection connection, Frame restartHello) {
    }

    private Session handshake(Transport transport, InputStream in, FrameSink sink, Frame first, String expectedVmId)
            throws IOException {
        if (first.type() != FrameType.HELLO) {
            throw new ProtocolException(ChannelException.PROTOCOL_ERROR, "expected HELLO, got frame type 0x"
                    + Integer.toHexString(first.type()));
        }
        Hello hello = Hello.decode(first.payload());
        int version = Math.min(hello.maxVersion(), MAX_VERSION);
        if (version < Math.max(hello.minVersion(), MIN_VERSION)) {
            return refuse(sink, hello.vmId(), ChannelException.UNSUPPORTED_VERSION, "no common protocol version: agent supports "
                    + hello.minVersion() + ".." + hello.maxVersion() + ", host supports " + MIN_VERSION + ".." + MAX_VERSION);
        }
        if (expectedVmId != null && !expectedVmId.equals(hello.vmId())) {
            ChannelCore.LOG.warning("channel: agent on the socket of " + expectedVmId + " claims to be " + hello.vmId());
            return refuse(sink, hello.vmId(), ChannelException.AUTH_FAILED, "authentication failed");
        }
        Optional<byte[]> secret = secrets.read(hello.vmId());
        if (secret.isEmpty()) {
            ChannelCore.LOG.warning("channel: no secret provisioned for " + hello.vmId());
            return refuse(sink, hello.vmId(), ChannelException.AUTH_FAILED, "authentication failed");
        }
        int maxFrame = Math.max(FrameCodec.MIN_MAX_FRAME, Math.min(hello.maxFrame(), core.settings().maxFrame()));
        byte[] hostNonce = core.randomBytes(Hello.NONCE_BYTES);
        sink.write(FrameType.CHALLENGE, 0, 0,
                new Challenge(version, maxFrame, core.settings().streamWindow(), hostNonce, instance).encode());
        Frame auth = FrameCodec.read(in, FrameCodec.HANDSHAKE_MAX_FRAME);
        if (auth == null) {
            return null;
        }
        if (auth.type() == FrameType.HELLO) {
            return new Session(null, auth);
        }
        if (auth.type() != FrameType.AUTH) {
            throw new ProtocolException(ChannelException.PROTOCOL_ERROR, "expected AUTH, got frame type 0x"
                    + Integer.toHexString(auth.type()));
        }
        PayloadReader r = new PayloadReader(auth.payload());
        byte[] proof = r.bytes(AuthProofs.PROOF_BYTES);
        r.end();
        byte[] key = secret.get();
        if (!AuthProofs.matches(AuthProofs.agentProof(key, hostNonce, hello.nonce(), hello.vmId()), proof)) {
            ChannelCore.LOG.warning("channel: agent for " + hello.vmId() + " failed authentication (" + transport.describe() + ")");
            return refuse(sink, hello.vmId(), ChannelException.AUTH_FAILED, "authentication failed");
        }
        int heartbeat = core.settings().heartbeatMillis();
        sink.write(FrameType.WELCOME, 0, 0,
                new Welcome(AuthProofs.hostProof(key, hostNonce, hello.nonce(), hello.vmId()), heartbeat).encode());
        PeerState peer = agent(hello.vmId());
        int peerWindow = Math.max(1024, hello.streamWindow());
        Connection c = new Connection(transport, in, sink, core, peer,
                new Connection.Params(version, maxFrame, peerWindow, heartbeat, false));
        peer.attach(c, new AgentInfo(hello.vmId(), hello.agentVersion(), version, hello.bundles()), hello.instance());
        ChannelCore.LOG.info("channel: agent " + hello.vmId() + " (agent " + hello.agentVersion() + ", protocol "
                + version + ") connected over " + transport.describe());
        return new Session(c, null);
    }

    private Session refuse(FrameSink sink, String vmId, String code, String reason) {
        lastRefusal = code + ": " + reason; // before the count: whoever sees the count sees the reason
        refusals.incrementAndGet();
        ChannelCore.LOG.info("channel: refused agent " + vmId + " (" + code + ")");
        try {
            sink.write(FrameType.REFUSED, 0, 0, new Reason(code, reason).encode());
        } catch (IOException e) {
            // the agent is gone already
        }
        return null;
    }

    private void goaway(FrameSink sink, String code, String reason) {
        lastRefusal = code + ": " + reason; // before the count: whoever sees the count sees the reason
        refusals.incrementAndGet();
        ChannelCore.LOG.info("channel: handshake failed (" + code + "): " + reason);
        try {
            sink.write(FrameType.GOAWAY, 0, 0, new Reason(code, reason).encode());
        } catch (IOException e) {
            // the agent is gone already
        }
    }

    private ScheduledFuture<?> closeLater(Transport transport) {
        return core.scheduler().schedule(transport::close, core.settings().handshakeTimeoutMillis(), TimeUnit.MILLISECONDS);
    }

    private static void cancel(ScheduledFuture<?> f) {
        if (f != null) {
            f.cancel(false);
        }
    }

    @Override
    public void close() {
        for (PeerState p : peers.values()) {
            p.shutdown("the host channel is stopping");
        }
        core.close();
    }
}
