package org.deskplane.channel.libvirt.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Base64;
import java.util.Hashtable;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.deskplane.channel.api.ChannelListener;
import org.deskplane.channel.api.ChannelPeer;
import org.deskplane.channel.api.HostChannel;
import org.deskplane.qga.api.GuestAgentClient;
import org.deskplane.qga.api.GuestAgentClients;
import org.deskplane.qga.api.GuestAgentException;
import org.deskplane.qga.api.GuestExecRequest;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * End to end with the real guest image (opt-in: DESKPLANE_GUEST_IMAGE=$(releng/scripts/build-guest-image), built
 * after the agent product): boot it under QEMU with the channel port on a Unix socket and the VM's secret in
 * fw_cfg; the agent inside connects and authenticates; echo and agent.info round trips; the agent killed inside
 * comes back and reconnects; with a changed host-side secret the restarted agent is refused.
 */
class GuestImageAgentTest {

    private static final Duration BOOT = Duration.ofMinutes(5);

    @TempDir
    Path dir;

    @Test
    void agentInTheGuestConnectsRoundTripsReconnectsAndIsRefusedWithAWrongSecret() throws Exception {
        String image = System.getenv("DESKPLANE_GUEST_IMAGE");
        if (image == null || image.isBlank()) {
            System.out.println("GuestImageAgentTest skipped: DESKPLANE_GUEST_IMAGE is not set");
            Assumptions.abort("DESKPLANE_GUEST_IMAGE is not set");
        }
        HostChannel host = Services.service(HostChannel.class);
        String vmId = UUID.randomUUID().toString();
        Path key = Files.createFile(dir.resolve("agent.key"), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(key, Base64.getEncoder().encodeToString(host.provisionSecret(vmId)) + "\n", StandardCharsets.US_ASCII);
        Path vmIdFile = Files.writeString(dir.resolve("vm-id"), vmId);
        Path agentSocket = dir.resolve("agent.sock");
        Path qgaSocket = dir.resolve("qga.sock");
        Path serial = dir.resolve("serial.log");

        AtomicInteger sessionsUp = new AtomicInteger();
        ServiceRegistration<ChannelListener> listener = Services.context().registerService(ChannelListener.class, new ChannelListener() {
            @Override
            public void sessionUp(ChannelPeer peer) {
                if (vmId.equals(peer.vmId())) {
                    sessionsUp.incrementAndGet();
                }
            }
        }, null);
        Configuration session = Services.service(ConfigurationAdmin.class).getFactoryConfiguration("org.deskplane.channel.vm", vmId, "?");
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put("vmId", vmId);
        properties.put("socketPath", agentSocket.toString());
        session.update(properties);

        long started = System.nanoTime();
        Process qemu = new ProcessBuilder(List.of(System.getProperty("deskplane.bootGuest", "releng/scripts/boot-guest"),
                "--image", image, "--qga-socket", qgaSocket.toString(), "--agent-socket", agentSocket.toString(),
                "--serial-log", serial.toString(), "--uuid", vmId,
                "--fw-cfg", "opt/org.deskplane/agent.key=" + key, "--fw-cfg", "opt/org.deskplane/vm-id=" + vmIdFile))
                .redirectErrorStream(true).redirectOutput(dir.resolve("boot-guest.out").toFile()).start();
        try {
            ChannelPeer agent = host.agent(vmId);
            waitFor(qemu, serial, "the agent in the guest authenticated", BOOT, () -> agent.isConnected() && agent.agentInfo().isPresent());
            System.out.printf("GuestImageAgentTest: agent session up %.1f s after boot-guest started%n", (System.nanoTime() - started) / 1e9);
            assertTrue(agent.agentInfo().get().bundles().stream().anyMatch(b -> "org.deskplane.agent".equals(b.symbolicName())),
                    "advertised bundles: " + agent.agentInfo().get().bundles());

            byte[] ping = "hello over virtio-serial".getBytes(StandardCharsets.UTF_8);
            // the first request under TCG also loads and JITs the agent's request path: generous deadline
            long echoStarted = System.nanoTime();
            assertArrayEquals(ping, agent.request("echo", ping, Duration.ofSeconds(120)).toCompletableFuture().get(125, TimeUnit.SECONDS));
            System.out.printf("GuestImageAgentTest: first echo round trip %.2f s%n", (System.nanoTime() - echoStarted) / 1e9);
            String info = new String(agent.request("agent.info", new byte[0], Duration.ofSeconds(30)).toCompletableFuture()
                    .get(30, TimeUnit.SECONDS), StandardCharsets.UTF_8);
            assertTrue(info.contains(vmId) && info.contains("org.deskplane.agent"), info);

            try (GuestAgentClient qga = Services.service(GuestAgentClients.class).open(qgaSocket)) {
                // kill the agent inside: the init's loop restarts it, and it authenticates again
                int before = sessionsUp.get();
                long killed = System.nanoTime();
                qga.exec(GuestExecRequest.of("/usr/bin/pkill", "-9", "-f", "deskplane.agent.vmId"));
                waitFor(qemu, serial, "the restarted agent reconnected", BOOT, () -> sessionsUp.get() > before && agent.isConnected());
                System.out.printf("GuestImageAgentTest: agent killed → session up again in %.1f s%n", (System.nanoTime() - killed) / 1e9);
                assertArrayEquals(ping, agent.request("echo", ping, Duration.ofSeconds(30)).toCompletableFuture().get(30, TimeUnit.SECONDS));

                // the host's secret changes: the guest's key is now wrong, the restarted agent is refused
                host.provisionSecret(vmId);
                int beforeWrong = sessionsUp.get();
                qga.exec(GuestExecRequest.of("/usr/bin/pkill", "-9", "-f", "deskplane.agent.vmId"));
                waitFor(qemu, serial, "the agent in the guest logged the refusal", BOOT, () -> guestLog(qga).contains("host refused the session (auth-failed)"));
                assertTrue(sessionsUp.get() == beforeWrong && !agent.isConnected(), "an agent with a wrong secret got a session");
                try {
                    qga.exec(GuestExecRequest.of("/bin/sh", "-c", "echo b > /proc/sysrq-trigger").withTimeout(Duration.ofSeconds(5)));
                } catch (GuestAgentException expected) {
                    // the guest went down under the call
                }
            }
            assertTrue(qemu.waitFor(60, TimeUnit.SECONDS), "QEMU did not exit after the guest rebooted");
        } finally {
            session.delete();
            listener.unregister();
            if (qemu.isAlive()) {
                qemu.destroy();
                if (!qemu.waitFor(10, TimeUnit.SECONDS)) {
                    qemu.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            }
        }
    }

    private static String guestLog(GuestAgentClient qga) {
        try {
            return new String(qga.readFile("/var/lib/deskplane/agent/console.log", 4 << 20), StandardCharsets.UTF_8);
        } catch (GuestAgentException e) {
            return "";
        }
    }

    private static void waitFor(Process qemu, Path serial, String what, Duration timeout, java.util.function.BooleanSupplier condition)
            throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (!qemu.isAlive()) {
                fail("QEMU exited (" + qemu.exitValue() + ") before: " + what + "; console:\n" + tail(serial));
            }
            if (System.nanoTime() > deadline) {
                fail("not within " + timeout + ": " + what + "; console:\n" + tail(serial));
            }
            Thread.sleep(200);
        }
    }

    private static String tail(Path serial) throws Exception {
        if (!Files.exists(serial)) {
            return "(no console log)";
        }
        List<String> lines = Files.readAllLines(serial, StandardCharsets.ISO_8859_1);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 25), lines.size()));
    }
}
