package org.deskplane.channel.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.deskplane.channel.api.AgentInfo.BundleRef;
import org.deskplane.channel.internal.host.SecretStore;
import org.deskplane.channel.internal.session.PeerState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Channel end to end: the materialized agent PRODUCT, started as a process by its launcher, against a host
 * endpoint in this test over a Unix socket — authenticates, advertises its bundles, answers round trips,
 * reconnects after being killed and restarted (with requests queued meanwhile), and is refused with a wrong secret.
 */
class AgentProductTest {

    private final List<Process> processes = new ArrayList<>();

    @AfterEach
    void killAgents() {
        processes.forEach(Process::destroyForcibly);
    }

    private Process startAgent(Path socket, String vmId, Path keyFile, Path dataDir) throws IOException {
        Path launcher = Path.of(System.getProperty("deskplane.test.agentLauncher"));
        Path product = Path.of(System.getProperty("deskplane.test.agentProduct"));
        assertTrue(Files.isDirectory(product), "the agent product is not materialized at " + product
                + " (build products/org.deskplane.agent.product first)");
        Files.createDirectories(dataDir);
        Process p = new ProcessBuilder(launcher.toString(), "--vm-id", vmId, "--key-file", keyFile.toString(), "--socket",
                socket.toString(), "--data-dir", dataDir.toString(), "--product", product.toString())
                .redirectErrorStream(true).redirectOutput(dataDir.resolve("agent.log").toFile()).start();
        processes.add(p);
        return p;
    }

    private static Path workDir(String name) throws IOException {
        return Files.createDirectories(Path.of(System.getProperty("deskplane.test.workDir"), name));
    }

    @Test
    void theAgentProductAuthenticatesAdvertisesAnswersAndReconnectsAfterARestart() throws Exception {
        Path dir = Fixtures.tempDir();
        Path work = workDir("product-e2e");
        try (Fixtures.Host host = new Fixtures.Host(dir)) {
            byte[] secret = host.endpoint.provisionSecret("vm-e2e");
            Path key = work.resolve("agent.key");
            Files.writeString(key, SecretStore.format(secret));
            PeerState peer = host.endpoint.agent("vm-e2e");

            Process agent = startAgent(host.socket, "vm-e2e", key, work.resolve("run1"));
            Fixtures.await("the agent product connects (log: " + work.resolve("run1/agent.log") + ")", Duration.ofSeconds(90),
                    peer::isConnected);
            Set<String> bundles = peer.agentInfo().orElseThrow().bundles().stream().map(BundleRef::symbolicName)
                    .collect(Collectors.toSet());
            assertTrue(bundles.containsAll(Set.of("org.deskplane.agent", "org.deskplane.channel", "org.deskplane.channel.api")),
                    "advertised: " + bundles);
            assertTrue(peer.agentInfo().orElseThrow().agentVersion().startsWith("0.1.0"));
            assertEquals("ping-1", call(peer, "echo", "ping-1"));
            String info = call(peer, "agent.info", "");
            assertTrue(info.contains("\"vmId\":\"vm-e2e\"") && info.contains("org.deskplane.agent"), info);

            agent.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            Fixtures.await("the host sees the killed agent go", Duration.ofSeconds(20), () -> !peer.isConnected());
            CompletableFuture<byte[]> queued = peer.request("echo", "while-down".getBytes(StandardCharsets.UTF_8),
                    Duration.ofSeconds(120)).toCompletableFuture();

            startAgent(host.socket, "vm-e2e", key, work.resolve("run2"));
            Fixtures.await("the restarted agent reconnects", Duration.ofSeconds(90), peer::isConnected);
            assertEquals("while-down", new String(queued.get(30, TimeUnit.SECONDS), StandardCharsets.UTF_8));
            assertEquals("ping-2", call(peer, "echo", "ping-2"));
        }
    }

    @Test
    void theAgentProductWithAWrongSecretIsRefused() throws Exception {
        Path dir = Fixtures.tempDir();
        Path work = workDir("product-wrong-secret");
        try (Fixtures.Host host = new Fixtures.Host(dir)) {
            byte[] secret = host.endpoint.provisionSecret("vm-bad");
            byte[] wrong = secret.clone();
            wrong[5] ^= 0x5A;
            Path key = work.resolve("agent.key");
            Files.writeString(key, SecretStore.format(wrong));
            startAgent(host.socket, "vm-bad", key, work.resolve("run"));
            Fixtures.await("the host refuses the agent", Duration.ofSeconds(90), () -> host.endpoint.refusals() > 0);
            assertEquals("auth-failed: authentication failed", host.endpoint.lastRefusal().orElseThrow());
            assertFalse(host.endpoint.agent("vm-bad").isConnected());
            String log = Files.readString(work.resolve("run/agent.log"));
            assertFalse(log.contains(SecretStore.format(wrong).trim()), "the agent logged its secret");
        }
    }

    private static String call(PeerState peer, String type, String body) throws Exception {
        return new String(peer.request(type, body.getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(30))
                .toCompletableFuture().get(30, TimeUnit.SECONDS), StandardCharsets.UTF_8);
    }
}
