package org.deskplane.channel.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.deskplane.channel.api.ChannelException;
import org.deskplane.channel.internal.agent.AgentEndpoint;
import org.deskplane.channel.internal.session.HandlerRegistry;
import org.deskplane.channel.internal.transport.UnixSocketTransport;
import org.deskplane.channel.internal.wire.Frame;
import org.deskplane.channel.internal.wire.FrameCodec;
import org.deskplane.channel.internal.wire.FrameType;
import org.deskplane.channel.internal.wire.Reason;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Channel: handshake over a Unix socket — versions, per-VM authentication, secrets never logged. */
class HandshakeAndAuthTest {

    private final List<String> logLines = new CopyOnWriteArrayList<>();
    private final Logger channelLog = Logger.getLogger("org.deskplane.channel");
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord r) {
            logLines.add(r.getMessage() + " " + (r.getThrown() == null ? "" : r.getThrown()));
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private Level previousLevel;

    @BeforeEach
    void captureLogs() {
        previousLevel = channelLog.getLevel();
        channelLog.setLevel(Level.ALL);
        capture.setLevel(Level.ALL);
        channelLog.addHandler(capture);
    }

    @AfterEach
    void stopCapturing() {
        channelLog.removeHandler(capture);
        channelLog.setLevel(previousLevel);
    }

    @Test
    void authenticatedAgentDoesARoundTripAndAdvertisesItsBundles() throws Exception {
        Path dir = Fixtures.tempDir();
        try (Fixtures.Host host = new Fixtures.Host(dir)) {
            host.handle("echo", Fixtures.echo());
            byte[] secret = host.endpoint.provisionSecret("vm-1");
            HandlerRegistry agentHandlers = new HandlerRegistry();
            agentHandlers.addMessageHandler(Fixtures.echo(), java.util.Map.of("deskplane.channel.message.type", "agent.echo"));
            try (AgentEndpoint agent = Fixtures.agent(host.socket, "vm-1", secret, agentHandlers).start()) {
                byte[] answer = agent.host().request("echo", "hello".getBytes(StandardCharsets.UTF_8))
                        .toCompletableFuture().get(10, TimeUnit.SECONDS);
                assertEquals("hello", new String(answer, StandardCharsets.UTF_8));
                Fixtures.await("host sees vm-1", Duration.ofSeconds(10), () -> host.endpoint.agent("vm-1").isConnected());
                byte[] back = host.endpoint.agent("vm-1").request("agent.echo", new byte[] { 4, 2 })
                        .toCompletableFuture().get(10, TimeUnit.SECONDS);
                assertArrayEquals(new byte[] { 4, 2 }, back);
                var info = host.endpoint.agent("vm-1").agentInfo().orElseThrow();
                assertEquals("test-1.0", info.agentVersion());
                assertEquals(1, info.protocolVersion());
                assertEquals("org.deskplane.test.agent", info.bundles().get(0).symbolicName());
            }
            assertSecretNotLogged(secret);
        }
    }

    @Test
    void wrongSecretIsRefusedAndNeitherSecretIsLogged() throws Exception {
        Path dir = Fixtures.tempDir();
        try (Fixtures.Host host = new Fixtures.Host(dir)) {
            byte[] secret = host.endpoint.provisionSecret("vm-2");
            byte[] wrong = secret.clone();
            wrong[0] ^= 1;
            try (AgentEndpoint agent = Fixtures.agent(host.socket, "vm-2", wrong, new HandlerRegistry()).start()) {
                Fixtures.await("the agent is refused", Duration.ofSeconds(10), () -> agent.refusals() > 0);
                assertEquals(ChannelException.AUTH_FAILED + ": authentication failed", agent.lastRefusal().orElseThrow());
                assertEquals(0, agent.sessions());
                assertFalse(host.endpoint.agent("vm-2").isConnected());
                assertTrue(host.endpoint.refusals() > 0);
                assertTrue(logLines.stream().anyMatch(l -> l.contains("vm-2") && l.contains("failed authentication")), logLines.toString());
            }
            assertSecretNotLogged(secret);
            assertSecretNotLogged(wrong);
        }
    }

    @Test
    void unprovisionedVmIsRefusedLikeAWrongSecret() throws Exception {
        Path dir = Fixtures.tempDir();
        try (Fixtures.Host host = new Fixtures.Host(dir);
                AgentEndpoint agent = Fixtures.agent(host.socket, "vm-unknown", new byte[32], new HandlerRegistry()).start()) {
            Fixtures.await("the agent is refused", Duration.ofSeconds(10), () -> agent.refusals() > 0);
            assertTrue(agent.lastRefusal().orElseThrow().startsWith(ChannelException.AUTH_FAILED));
        }
    }

    @Test
    void unknownProtocolVersionsAreRefusedWithAReason() throws Exception {
        Path dir = Fixtures.tempDir();
        try (Fixtures.Host host = new Fixtures.Host(dir)) {
            byte[] secret = host.endpoint.provisionSecret("vm-3");
            try (AgentEndpoint agent = Fixtures.agent(host.socket, "vm-3", secret, new HandlerRegistry()).versions(2, 5).start()) {
                Fixtures.await("the agent is refused", Duration.ofSeconds(10), () -> agent.refusals() > 0);
                String refusal = agent.lastRefusal().orElseThrow();
                assertTrue(refusal.startsWith(ChannelException.UNSUPPORTED_VERSION), refusal);
                assertTrue(refusal.contains("agent supports 2..5, host supports 1..1"), refusal);
                assertEquals(0, agent.sessions());
            }
        }
    }

    @Test
    void garbageInsteadOfHelloGetsGoawayWithProtocolError() throws Exception {
        Path dir = Fixtures.tempDir();
        try (Fixtures.Host host = new Fixtures.Host(dir); UnixSocketTransport raw = UnixSocketTransport.connect(host.socket)) {
            FrameCodec.write(raw.output(), FrameType.REQUEST, 0, 0, new byte[12]);
            Frame answer = FrameCodec.read(new BufferedInputStream(raw.input()), 65536);
            assertEquals(FrameType.GOAWAY, answer.type());
            Reason reason = Reason.decode(answer.payload());
            assertEquals(ChannelException.PROTOCOL_ERROR, reason.code());
            assertTrue(reason.message().contains("expected HELLO"), reason.message());
            assertEquals(-1, raw.input().read(), "the host closes after GOAWAY");
        }
    }

    @Test
    void oversizedHelloIsRejectedWithoutReadingIt() throws Exception {
        Path dir = Fixtures.tempDir();
        try (Fixtures.Host host = new Fixtures.Host(dir); UnixSocketTransport raw = UnixSocketTransport.connect(host.socket)) {
            byte[] header = { FrameType.HELLO, 0, 0, 0, 0, 0, 0x10, 0, 0, 0 }; // 256 MiB claimed
            raw.output().write(header);
            Frame answer = FrameCodec.read(new BufferedInputStream(raw.input()), 65536);
            assertEquals(FrameType.GOAWAY, answer.type());
            assertEquals(ChannelException.FRAME_TOO_LARGE, Reason.decode(answer.payload()).code());
        }
    }

    private void assertSecretNotLogged(byte[] secret) {
        assertFalse(logLines.isEmpty(), "the channel logged nothing: the capture does not work");
        String b64 = Base64.getEncoder().encodeToString(secret);
        String hex = HexFormat.of().formatHex(secret);
        for (String line : logLines) {
            assertFalse(line.contains(b64) || line.toLowerCase().contains(hex), "secret in log line: " + line);
        }
    }

}
