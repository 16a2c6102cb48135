package org.deskplane.channel.tests;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;

import org.deskplane.channel.api.MessageHandler;
import org.deskplane.channel.internal.agent.AgentEndpoint;
import org.deskplane.channel.internal.host.HostEndpoint;
import org.deskplane.channel.internal.host.SecretStore;
import org.deskplane.channel.internal.host.UnixSocketListener;
import org.deskplane.channel.internal.session.ChannelCore;
import org.deskplane.channel.internal.session.ChannelSettings;
import org.deskplane.channel.internal.session.HandlerRegistry;
import org.deskplane.channel.internal.transport.UnixSocketTransport;

/** Shared set-up: short socket paths, a host on a Unix socket, agents, waiting with a deadline. */
final class Fixtures {

    private Fixtures() {
    }

    /** Socket paths must stay under ~100 bytes, so they live in a short temp dir. */
    static Path tempDir() throws IOException {
        return Files.createTempDirectory(Path.of("/tmp"), "dpch");
    }

    static void await(String what, Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("timed out after " + timeout + " waiting for: " + what);
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail("interrupted waiting for: " + what);
            }
        }
    }

    static MessageHandler echo() {
        return (request, from) -> CompletableFuture.completedFuture(request.body());
    }

    /** A host endpoint with its own handlers, listening on {@code dir/host.sock}, secrets in {@code dir/secrets}. */
    static final class Host implements AutoCloseable {
        final HandlerRegistry handlers = new HandlerRegistry();
        final HostEndpoint endpoint;
        final UnixSocketListener listener;
        final Path socket;
        final SecretStore secrets;

        Host(Path dir, ChannelSettings settings) throws IOException {
            socket = dir.resolve("host.sock");
            secrets = new SecretStore(dir.resolve("secrets"));
            endpoint = new HostEndpoint(new ChannelCore(settings, handlers), secrets);
            listener = new UnixSocketListener(endpoint, socket);
        }

        Host(Path dir) throws IOException {
            this(dir, ChannelSettings.defaults());
        }

        void handle(String type, MessageHandler handler) {
            handlers.addMessageHandler(handler, Map.of(MessageHandler.MESSAGE_TYPE, type));
        }

        @Override
        public void close() {
            listener.close();
            endpoint.close();
        }
    }

    static AgentEndpoint agent(Path socket, String vmId, byte[] secret, HandlerRegistry handlers, ChannelSettings settings) {
        return new AgentEndpoint(new ChannelCore(settings, handlers), vmId, secret, "test-1.0",
                () -> List.of(new org.deskplane.channel.api.AgentInfo.BundleRef("org.deskplane.test.agent", "1.0.0")),
                () -> UnixSocketTransport.connect(socket));
    }

    static AgentEndpoint agent(Path socket, String vmId, byte[] secret, HandlerRegistry handlers) {
        return agent(socket, vmId, secret, handlers, ChannelSettings.defaults());
    }
}
