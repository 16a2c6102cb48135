package org.deskplane.channel.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.deskplane.channel.api.ChannelException;
import org.deskplane.channel.api.HostChannel;
import org.deskplane.channel.api.MessageHandler;
import org.deskplane.channel.internal.agent.AgentEndpoint;
import org.deskplane.channel.internal.host.AgentListenerComponent;
import org.deskplane.channel.internal.session.HandlerRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.util.tracker.ServiceTracker;

/**
 * Channel: the host DS component in a real framework — a listener configured through ConfigurationAdmin,
 * secrets provisioned through the service, 200 concurrent agents, and MessageHandler services hot-swapped.
 */
class HostComponentTest {

    private static BundleContext context;
    private static HostChannel host;
    private static Configuration listenerConfig;
    private static Path socket;

    @BeforeAll
    static void startListener() throws Exception {
        context = FrameworkUtil.getBundle(HostComponentTest.class).getBundleContext();
        host = service(HostChannel.class);
        ConfigurationAdmin cm = service(ConfigurationAdmin.class);
        socket = Fixtures.tempDir().resolve("agents.sock");
        listenerConfig = cm.getConfiguration(AgentListenerComponent.PID, "?");
        Hashtable<String, Object> props = new Hashtable<>();
        props.put("socketPath", socket.toString());
        listenerConfig.update(props);
        Fixtures.await("the listener socket exists", Duration.ofSeconds(10), () -> Files.exists(socket));
    }

    @AfterAll
    static void stopListener() throws Exception {
        listenerConfig.delete();
    }

    private static <T> T service(Class<T> type) throws InterruptedException {
        ServiceTracker<T, T> tracker = new ServiceTracker<>(context, type, null);
        tracker.open();
        T s = tracker.waitForService(10_000);
        assertNotNull(s, type.getSimpleName() + " service did not appear");
        return s;
    }

    @Test
    void provisionedSecretsAreStoredOwnerOnlyUnderTheDataDirectory() throws Exception {
        host.provisionSecret("vm-perm");
        Path file = Path.of(System.getProperty("deskplane.data"), "channel", "secrets", "vm-perm.key");
        assertTrue(host.hasSecret("vm-perm"));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertThrows(ChannelException.class, () -> host.provisionSecret("../escape"));
    }

    @Test
    void twoHundredConcurrentAgentsOnUnixSocketsAgainstOneHostComponent() throws Exception {
        int n = 200;
        ServiceRegistration<MessageHandler> echo = context.registerService(MessageHandler.class, Fixtures.echo(),
                props("test.echo"));
        List<AgentEndpoint> agents = new ArrayList<>();
        try {
            for (int i = 0; i < n; i++) {
                String vm = "many-" + i;
                HandlerRegistry handlers = new HandlerRegistry();
                handlers.addMessageHandler(Fixtures.echo(), java.util.Map.of(MessageHandler.MESSAGE_TYPE, "agent.echo"));
                agents.add(Fixtures.agent(socket, vm, host.provisionSecret(vm), handlers).start());
            }
            Fixtures.await("all " + n + " agents connected", Duration.ofSeconds(60),
                    () -> host.connectedAgents().stream().filter(p -> p.vmId().startsWith("many-")).count() == n);
            List<CompletableFuture<byte[]>> up = new ArrayList<>();
            List<CompletableFuture<byte[]>> down = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                up.add(agents.get(i).host().request("test.echo", ("up-" + i).getBytes(StandardCharsets.UTF_8)).toCompletableFuture());
                down.add(host.agent("many-" + i).request("agent.echo", ("down-" + i).getBytes(StandardCharsets.UTF_8))
                        .toCompletableFuture());
            }
            for (int i = 0; i < n; i++) {
                assertEquals("up-" + i, new String(up.get(i).get(30, TimeUnit.SECONDS), StandardCharsets.UTF_8));
                assertEquals("down-" + i, new String(down.get(i).get(30, TimeUnit.SECONDS), StandardCharsets.UTF_8));
            }
        } finally {
            agents.forEach(AgentEndpoint::close);
            echo.unregister();
        }
    }

    @Test
    void messageHandlerServicesAreHotSwappable() throws Exception {
        byte[] secret = host.provisionSecret("vm-swap");
        try (AgentEndpoint agent = Fixtures.agent(socket, "vm-swap", secret, new HandlerRegistry()).start()) {
            Fixtures.await("connected", Duration.ofSeconds(10), agent.host()::isConnected);
            ServiceRegistration<MessageHandler> reg = context.registerService(MessageHandler.class,
                    (request, from) -> CompletableFuture.completedFuture("v1".getBytes(StandardCharsets.UTF_8)), props("swap.me"));
            assertEquals("v1", call(agent));
            reg.unregister();
            ExecutionException gone = assertThrows(ExecutionException.class, () -> call(agent));
            ChannelException e = assertInstanceOf(ChannelException.class, gone.getCause());
            assertEquals(ChannelException.NO_HANDLER, e.code());
            assertTrue(e.getMessage().contains("swap.me"), e.getMessage());
            reg = context.registerService(MessageHandler.class,
                    (request, from) -> CompletableFuture.completedFuture("v2".getBytes(StandardCharsets.UTF_8)), props("swap.me"));
            try {
                assertEquals("v2", call(agent));
                assertTrue(agent.host().isConnected(), "the session survived the swap");
                assertEquals(1, agent.sessions());
            } finally {
                reg.unregister();
            }
        }
    }

    @Test
    void aFailingHandlerGivesHandlerFailedWithItsMessage() throws Exception {
        byte[] secret = host.provisionSecret("vm-fail");
        ServiceRegistration<MessageHandler> reg = context.registerService(MessageHandler.class,
                (request, from) -> CompletableFuture.failedFuture(new IllegalStateException("disk is full")), props("fails"));
        try (AgentEndpoint agent = Fixtures.agent(socket, "vm-fail", secret, new HandlerRegistry()).start()) {
            ExecutionException x = assertThrows(ExecutionException.class,
                    () -> agent.host().request("fails", new byte[0]).toCompletableFuture().get(10, TimeUnit.SECONDS));
            ChannelException e = assertInstanceOf(ChannelException.class, x.getCause());
            assertEquals(ChannelException.HANDLER_FAILED, e.code());
            assertTrue(e.getMessage().contains("disk is full"));
        } finally {
            reg.unregister();
        }
    }

    private static String call(AgentEndpoint agent) throws Exception {
        return new String(agent.host().request("swap.me", new byte[0]).toCompletableFuture().get(10, TimeUnit.SECONDS),
                StandardCharsets.UTF_8);
    }

    private static Hashtable<String, Object> props(String type) {
        Hashtable<String, Object> p = new Hashtable<>();
        p.put(MessageHandler.MESSAGE_TYPE, type);
        return p;
    }
}
