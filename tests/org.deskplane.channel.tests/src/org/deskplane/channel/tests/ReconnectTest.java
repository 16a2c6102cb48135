package org.deskplane.channel.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.deskplane.channel.api.ChannelException;
import org.deskplane.channel.api.MessageHandler;
import org.deskplane.channel.internal.agent.AgentEndpoint;
import org.deskplane.channel.internal.session.HandlerRegistry;
import org.deskplane.channel.internal.session.PeerState;
import org.junit.jupiter.api.Test;

/** Channel: reconnect after the agent or the host restarts; queued requests are delivered exactly once. */
class ReconnectTest {

    /** Counts how often each request body was executed. */
    private static final class CountingHandler implements MessageHandler {
        final Map<String, AtomicInteger> executions = new ConcurrentHashMap<>();

        @Override
        public CompletableFuture<byte[]> handle(org.deskplane.channel.api.ChannelMessage request,
                org.deskplane.channel.api.ChannelPeer from) {
            executions.computeIfAbsent(new String(request.body(), StandardCharsets.UTF_8), k -> new AtomicInteger()).incrementAndGet();
            return CompletableFuture.completedFuture(request.body());
        }
    }

    @Test
    void requestsQueuedWhileTheAgentIsDownAreDeliveredOnceAfterItRestarts() throws Exception {
        Path dir = Fixtures.tempDir();
        try (Fixtures.Host host = new Fixtures.Host(dir)) {
            byte[] secret = host.endpoint.provisionSecret("vm-r1");
            PeerState peer = host.endpoint.agent("vm-r1");
            CountingHandler first = new CountingHandler();
            try (AgentEndpoint agent = agentWith(host, "vm-r1", secret, first).start()) {
                Fixtures.await("connected", Duration.ofSeconds(10), peer::isConnected);
                assertEquals("before", send(peer, "before").get(10, TimeUnit.SECONDS));
            }
            Fixtures.await("host notices the agent is gone", Duration.ofSeconds(10), () -> !peer.isConnected());
            List<CompletableFuture<String>> queued = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                queued.add(send(peer, "queued-" + i));
            }
            CountingHandler second = new CountingHandler();
            try (AgentEndpoint restarted = agentWith(host, "vm-r1", secret, second).start()) {
                for (int i = 0; i < 50; i++) {
                    assertEquals("queued-" + i, queued.get(i).get(10, TimeUnit.SECONDS));
                }
                for (int i = 0; i < 50; i++) {
                    assertEquals(1, second.executions.get("queued-" + i).get(), "queued-" + i + " executions");
                }
                assertEquals(50, second.executions.size());
            }
        }
    }

    @Test
    void requestsQueuedWhileTheHostIsDownAreDeliveredOnceAfterItRestarts() throws Exception {
        Path dir = Fixtures.tempDir();
        byte[] secret;
        AgentEndpoint agent;
        try (Fixtures.Host host = new Fixtures.Host(dir)) {
            host.handle("work", new CountingHandler());
            secret = host.endpoint.provisionSecret("vm-r2");
            agent = Fixtures.agent(host.socket, "vm-r2", secret, new HandlerRegistry()).start();
            Fixtures.await("connected", Duration.ofSeconds(10), agent.host()::isConnected);
        }
        try (agent) {
            Fixtures.await("agent notices the host is gone", Duration.ofSeconds(10), () -> !agent.host().isConnected());
            List<CompletableFuture<byte[]>> queued = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                queued.add(agent.host().request("work", ("q" + i).getBytes(StandardCharsets.UTF_8)).toCompletableFuture());
            }
            CountingHandler counting = new CountingHandler();
            try (Fixtures.Host restarted = new Fixtures.Host(dir)) {
                restarted.handle("work", counting);
                for (int i = 0; i < 50; i++) {
                    assertEquals("q" + i, new String(queued.get(i).get(15, TimeUnit.SECONDS), StandardCharsets.UTF_8));
                    assertEquals(1, counting.executions.get("q" + i).get());
                }
            }
        }
    }

    @Test
    void requestsInFlightWhenTheConnectionDropsRunExactlyOnce() throws Exception {
        Path dir = Fixtures.tempDir();
        try (Fixtures.Host host = new Fixtures.Host(dir)) {
            byte[] secret = host.endpoint.provisionSecret("vm-r3");
            PeerState peer = host.endpoint.agent("vm-r3");
            Map<String, AtomicInteger> executions = new ConcurrentHashMap<>();
            CompletableFuture<Void> gate = new CompletableFuture<>();
            // the agent's handler holds every request until the connection has been cut
            MessageHandler slow = (request, from) -> {
                executions.computeIfAbsent(new String(request.body(), StandardCharsets.UTF_8), k -> new AtomicInteger())
                        .incrementAndGet();
                return gate.thenApply(v -> request.body());
            };
            try (AgentEndpoint agent = agentWith(host, "vm-r3", secret, slow).start()) {
                Fixtures.await("connected", Duration.ofSeconds(10), peer::isConnected);
                List<CompletableFuture<String>> inFlight = new ArrayList<>();
                for (int i = 0; i < 20; i++) {
                    inFlight.add(send(peer, "f" + i));
                }
                Fixtures.await("all 20 running on the agent", Duration.ofSeconds(10), () -> executions.size() == 20);
                peer.connection().orElseThrow().close(ChannelException.CLOSED, "test cuts the connection", false, true);
                Fixtures.await("reconnected", Duration.ofSeconds(10), peer::isConnected);
                gate.complete(null);
                for (int i = 0; i < 20; i++) {
                    assertEquals("f" + i, inFlight.get(i).get(10, TimeUnit.SECONDS));
                    assertEquals(1, executions.get("f" + i).get(), "f" + i + " executions");
                }
            }
        }
    }

    private static AgentEndpoint agentWith(Fixtures.Host host, String vmId, byte[] secret, MessageHandler handler) {
        HandlerRegistry handlers = new HandlerRegistry();
        handlers.addMessageHandler(handler, Map.of(MessageHandler.MESSAGE_TYPE, "work"));
        return Fixtures.agent(host.socket, vmId, secret, handlers);
    }

    private static CompletableFuture<String> send(PeerState peer, String body) {
        return peer.request("work", body.getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(30)).toCompletableFuture()
                .thenApply(b -> new String(b, StandardCharsets.UTF_8));
    }
}
