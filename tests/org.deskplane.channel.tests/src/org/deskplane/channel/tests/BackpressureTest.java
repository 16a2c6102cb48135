package org.deskplane.channel.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.deskplane.channel.api.ChannelException;
import org.deskplane.channel.api.ChannelStream;
import org.deskplane.channel.api.StreamHandler;
import org.deskplane.channel.internal.agent.AgentEndpoint;
import org.deskplane.channel.internal.session.ChannelSettings;
import org.deskplane.channel.internal.session.HandlerRegistry;
import org.deskplane.channel.internal.session.PeerState;
import org.deskplane.channel.internal.transport.UnixSocketTransport;
import org.deskplane.channel.internal.wire.AuthProofs;
import org.deskplane.channel.internal.wire.Challenge;
import org.deskplane.channel.internal.wire.Frame;
import org.deskplane.channel.internal.wire.FrameCodec;
import org.deskplane.channel.internal.wire.FrameType;
import org.deskplane.channel.internal.wire.Hello;
import org.deskplane.channel.internal.wire.PayloadWriter;
import org.junit.jupiter.api.Test;

/** Channel: a peer that stops reading makes writers block/fail; buffered bytes stay under the caps. */
class BackpressureTest {

    private static final int WINDOW = 64 << 10;

    @Test
    void streamWriterBlocksThenTimesOutWhenThePeerStopsReading() throws Exception {
        Path dir = Fixtures.tempDir();
        ChannelSettings settings = ChannelSettings.defaults().withStreamWindow(WINDOW, 1500);
        try (Fixtures.Host host = new Fixtures.Host(dir, settings)) {
            CountDownLatch release = new CountDownLatch(1);
            CountDownLatch accepted = new CountDownLatch(1);
            // the host accepts the stream and never reads it
            host.handlers.addStreamHandler((StreamHandler) (stream, from) -> {
                accepted.countDown();
                release.await(30, TimeUnit.SECONDS);
            }, Map.of(StreamHandler.STREAM_TYPE, "sink"));
            byte[] secret = host.endpoint.provisionSecret("vm-bp");
            try (AgentEndpoint agent = Fixtures.agent(host.socket, "vm-bp", secret, new HandlerRegistry(), settings).start()) {
                Fixtures.await("connected", Duration.ofSeconds(10), agent.host()::isConnected);
                ChannelStream stream = agent.host().openStream("sink");
                assertTrue(accepted.await(10, TimeUnit.SECONDS));
                AtomicLong written = new AtomicLong();
                OutputStream out = stream.output();
                byte[] chunk = new byte[8 << 10];
                IOException failure = assertThrows(IOException.class, () -> {
                    for (int i = 0; i < 1000; i++) {
                        out.write(chunk);
                        written.addAndGet(chunk.length);
                    }
                });
                ChannelException cause = assertInstanceOf(ChannelException.class, failure.getCause());
                assertEquals(ChannelException.TIMEOUT, cause.code());
                assertTrue(written.get() <= WINDOW, "wrote " + written.get() + " bytes with a window of " + WINDOW);
                long buffered = host.endpoint.agent("vm-bp").connection().orElseThrow().bufferedStreamBytes();
                assertTrue(buffered <= WINDOW, "host buffers " + buffered + " bytes, more than the window");
                assertEquals(written.get(), buffered, "everything the writer got out is buffered, nothing more");
                release.countDown();
            }
        }
    }

    @Test
    void flowControlLetsALargeTransferThroughASmallWindow() throws Exception {
        Path dir = Fixtures.tempDir();
        ChannelSettings settings = ChannelSettings.defaults().withStreamWindow(WINDOW, 10_000);
        try (Fixtures.Host host = new Fixtures.Host(dir, settings)) {
            AtomicLong received = new AtomicLong();
            CountDownLatch done = new CountDownLatch(1);
            host.handlers.addStreamHandler((StreamHandler) (stream, from) -> {
                InputStream in = stream.input();
                byte[] buf = new byte[10_000];
                int n;
                while ((n = in.read(buf)) > 0) {
                    received.addAndGet(n);
                }
                stream.output().write("ok".getBytes());
                done.countDown();
            }, Map.of(StreamHandler.STREAM_TYPE, "count"));
            byte[] secret = host.endpoint.provisionSecret("vm-flow");
            try (AgentEndpoint agent = Fixtures.agent(host.socket, "vm-flow", secret, new HandlerRegistry(), settings).start()) {
                Fixtures.await("connected", Duration.ofSeconds(10), agent.host()::isConnected);
                ChannelStream stream = agent.host().openStream("count");
                byte[] chunk = new byte[100_000];
                for (int i = 0; i < 50; i++) {
                    stream.output().write(chunk);
                }
                stream.output().close();
                assertTrue(done.await(20, TimeUnit.SECONDS));
                assertEquals(5_000_000, received.get());
                assertEquals("ok", new String(stream.input().readAllBytes()));
            }
        }
    }

    @Test
    void requestsToAPeerThatStopsReadingFillTheBoundedQueueThenFailFast() throws Exception {
        Path dir = Fixtures.tempDir();
        long maxBytes = 512 << 10;
        ChannelSettings settings = ChannelSettings.defaults().withQueueLimits(100_000, maxBytes);
        try (Fixtures.Host host = new Fixtures.Host(dir, settings)) {
            byte[] secret = host.endpoint.provisionSecret("vm-stuck");
            try (UnixSocketTransport raw = UnixSocketTransport.connect(host.socket)) {
                handshakeAndStopReading(raw, "vm-stuck", secret);
                PeerState peer = host.endpoint.agent("vm-stuck");
                Fixtures.await("session up", Duration.ofSeconds(10), peer::isConnected);
                byte[] body = new byte[4096];
                ChannelException full = null;
                for (int i = 0; i < 10_000 && full == null; i++) {
                    CompletionStage<byte[]> r = peer.request("anything", body, Duration.ofMinutes(1));
                    if (r.toCompletableFuture().isCompletedExceptionally()) {
                        ExecutionException e = assertThrows(ExecutionException.class, () -> r.toCompletableFuture().get());
                        full = assertInstanceOf(ChannelException.class, e.getCause());
                    }
                }
                assertTrue(full != null, "10000 requests of 4 KiB were all accepted by a peer that reads nothing");
                assertEquals(ChannelException.QUEUE_FULL, full.code());
                assertTrue(peer.outbound().bytes() <= maxBytes, "queued " + peer.outbound().bytes() + " bytes");
            }
        }
    }

    /** A hand-made agent: HELLO and AUTH, then it never reads again. */
    private static void handshakeAndStopReading(UnixSocketTransport raw, String vmId, byte[] secret) throws IOException {
        byte[] nonce = new byte[32];
        FrameCodec.write(raw.output(), FrameType.HELLO, 0, 0,
                new Hello(1, 1, 65536, 65536, nonce, vmId, 7L, "raw", List.of()).encode());
        BufferedInputStream in = new BufferedInputStream(raw.input());
        Frame challengeFrame = FrameCodec.read(in, 65536);
        Challenge challenge = Challenge.decode(challengeFrame.payload());
        FrameCodec.write(raw.output(), FrameType.AUTH, 0, 0,
                new PayloadWriter().bytes(AuthProofs.agentProof(secret, challenge.nonce(), nonce, vmId)).toByteArray());
        assertEquals(FrameType.WELCOME, FrameCodec.read(in, 65536).type());
    }
}
