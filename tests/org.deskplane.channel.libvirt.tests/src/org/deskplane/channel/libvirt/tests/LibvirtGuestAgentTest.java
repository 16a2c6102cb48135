package org.deskplane.channel.libvirt.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import org.deskplane.channel.api.ChannelListener;
import org.deskplane.channel.api.ChannelPeer;
import org.deskplane.channel.api.HostChannel;
import org.deskplane.channel.libvirt.AgentChannels;
import org.deskplane.hypervisor.api.HypervisorConnection;
import org.deskplane.hypervisor.api.HypervisorException;
import org.deskplane.hypervisor.api.VmId;
import org.deskplane.hypervisor.api.VmState;
import org.deskplane.qga.api.GuestAgentClient;
import org.deskplane.qga.api.GuestAgentErrorException;
import org.deskplane.qga.api.GuestAgentException;
import org.deskplane.qga.api.GuestExecRequest;
import org.deskplane.qga.api.GuestExecResult;
import org.deskplane.qga.hypervisor.VmGuestAgents;
import org.junit.jupiter.api.Test;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * End to end on the real hypervisor with the real guest image: the VM is defined on {@code qemu:///system} like
 * any other; Deskplane gives it its agent channel and secret on its own (the key reaches the guest in fw_cfg,
 * never on the kernel command line); libvirt starts it under TCG; the agent inside finds its virtio-serial port,
 * authenticates and answers round trips. Through libvirt's own guest agent channel (QGA via
 * qemu-agent-command) the test kills the agent inside: it comes back and reconnects. With the host's secret
 * changed, the restarted agent is refused. Then the VM is destroyed and undefined and its channel forgotten.
 */
class LibvirtGuestAgentTest {

    private static final Duration BOOT = Duration.ofMinutes(5);
    private static final Path IMAGES = Path.of("/var/lib/libvirt/images/deskplane-tests");
    private static final String CONNECTION = "guest-qemu";

    @Test
    void agentInALibvirtGuestConnectsRoundTripsReconnectsAndIsRefusedWithAWrongSecret() throws Exception {
        Path image = GuestImage.directory();
        String uuid = UUID.randomUUID().toString();
        VmId vm = new VmId(CONNECTION, uuid);
        Files.createDirectories(IMAGES);
        Path overlay = IMAGES.resolve("guest-" + uuid + ".qcow2");
        Path serial = IMAGES.resolve("guest-" + uuid + ".serial.log");
        run("qemu-img", "create", "-q", "-f", "qcow2", "-F", "qcow2", "-b",
                image.resolve("guest.qcow2").toRealPath().toString(), overlay.toString());

        HostChannel host = Services.service(HostChannel.class);
        AtomicInteger sessionsUp = new AtomicInteger();
        ServiceRegistration<ChannelListener> listener = Services.context().registerService(ChannelListener.class, new ChannelListener() {
            @Override
            public void sessionUp(ChannelPeer peer) {
                if (uuid.equals(peer.vmId())) {
                    sessionsUp.incrementAndGet();
                }
            }
        }, null);
        Configuration connectionConfig = Services.configureConnection(CONNECTION, "qemu:///system");
        HypervisorConnection connection = null;
        try {
            connection = Services.connected(CONNECTION);
            connection.define(domainXml(uuid, image, overlay, serial));
            HypervisorConnection qemu = connection;
            Path keyFile = Path.of("/var/lib/libvirt/qemu/deskplane-channels", uuid + ".agent.key");
            // the session configuration is the setup's last step: channel, key file and fw_cfg entry are in place
            Services.waitFor("the automatic agent channel setup", Services.TIMEOUT, () -> Files.exists(keyFile)
                    && hasAgentChannel(qemu, uuid) && hasSessionConfiguration(uuid));

            long started = System.nanoTime();
            connection.start(uuid);
            ChannelPeer agent = host.agent(uuid);
            waitFor(qemu, uuid, serial, "the agent in the guest authenticated", () -> agent.isConnected() && agent.agentInfo().isPresent());
            System.out.printf("LibvirtGuestAgentTest: agent session up %.1f s after start%n", (System.nanoTime() - started) / 1e9);
            assertTrue(agent.agentInfo().get().bundles().stream().anyMatch(b -> "org.deskplane.agent".equals(b.symbolicName())),
                    "advertised bundles: " + agent.agentInfo().get().bundles());

            byte[] ping = "hello over virtio-serial".getBytes(StandardCharsets.UTF_8);
            // the first request under TCG also loads and JITs the agent's request path: generous deadline
            assertArrayEquals(ping, agent.request("echo", ping, Duration.ofSeconds(120)).toCompletableFuture().get(125, TimeUnit.SECONDS));
            String info = new String(agent.request("agent.info", new byte[0], Duration.ofSeconds(30)).toCompletableFuture()
                    .get(30, TimeUnit.SECONDS), StandardCharsets.UTF_8);
            assertTrue(info.contains(uuid) && info.contains("org.deskplane.agent"), info);

            try (GuestAgentClient qga = Services.service(VmGuestAgents.class).open(vm)) {
                qga.ping();
                GuestExecResult cmdline = qga.exec(GuestExecRequest.of("/bin/cat", "/proc/cmdline"));
                assertEquals(0, cmdline.exitCode());
                String secret = Files.readString(keyFile, StandardCharsets.US_ASCII).strip();
                assertFalse(cmdline.stdoutText().contains(secret), "the secret is not on the kernel command line");
                assertTrue(cmdline.stdoutText().contains("init=/sbin/deskplane-init"), cmdline.stdoutText());
                GuestExecResult key = qga.exec(GuestExecRequest.of("/bin/sh", "-c", "stat -c %a /etc/deskplane/agent.key; cat /etc/deskplane/agent.key"));
                assertEquals("600\n" + secret + "\n", key.stdoutText(), "the guest's copy of the key from fw_cfg");
                missingFileIsTheAgentsOwnError(qga);

                // kill the agent inside: the init's loop restarts it, and it authenticates again
                int before = sessionsUp.get();
                long killed = System.nanoTime();
                qga.exec(GuestExecRequest.of("/usr/bin/pkill", "-9", "-f", "deskplane.agent.vmId"));
                waitFor(qemu, uuid, serial, "the restarted agent reconnected", () -> sessionsUp.get() > before && agent.isConnected());
                System.out.printf("LibvirtGuestAgentTest: agent killed → session up again in %.1f s%n", (System.nanoTime() - killed) / 1e9);
                assertArrayEquals(ping, agent.request("echo", ping, Duration.ofSeconds(30)).toCompletableFuture().get(30, TimeUnit.SECONDS));

                // the host's secret changes: the guest's key is now wrong, the restarted agent is refused
                host.provisionSecret(uuid);
                int beforeWrong = sessionsUp.get();
                qga.exec(GuestExecRequest.of("/usr/bin/pkill", "-9", "-f", "deskplane.agent.vmId"));
                waitFor(qemu, uuid, serial, "the agent in the guest logged the refusal",
                        () -> guestLog(qga).contains("host refused the session (auth-failed)"));
                assertTrue(sessionsUp.get() == beforeWrong && !agent.isConnected(), "an agent with a wrong secret got a session");
            }
            connection.destroy(uuid);
            connection.undefine(uuid);
            Services.waitFor("the undefined VM's channel forgotten", Services.TIMEOUT, () -> !Files.exists(keyFile));
        } finally {
            TestVms.remove(connection, uuid);
            Services.service(AgentChannels.class).forget(vm);
            listener.unregister();
            connectionConfig.delete();
            Files.deleteIfExists(overlay);
            Files.deleteIfExists(serial);
        }
    }

    /** The agent's error answer comes back through libvirt as the agent's error, not as a transport failure. */
    private static void missingFileIsTheAgentsOwnError(GuestAgentClient qga) throws GuestAgentException {
        try {
            qga.openFile("/nonexistent/deskplane", "r");
            fail("opening a missing file in the guest succeeded");
        } catch (GuestAgentErrorException e) {
            assertTrue(e.getMessage().contains("No such file"), e.getMessage());
        }
    }

    /** ACPI on, as in any real VM: the guest kernel finds QEMU's fw_cfg device through ACPI. */
    static String domainXml(String uuid, Path image, Path overlay, Path serial) throws Exception {
        String cmdline = Files.readString(image.resolve("cmdline"), StandardCharsets.UTF_8).strip();
        return """
                <domain type='qemu'>
                  <name>deskplane-guest-SHORT</name><uuid>UUID</uuid>
                  <memory unit='MiB'>1024</memory><vcpu>CPUS</vcpu>
                  <os><type arch='x86_64' machine='pc'>hvm</type>
                    <kernel>KERNEL</kernel><initrd>INITRD</initrd><cmdline>CMDLINE</cmdline></os>
                  <features><acpi/></features>
                  <on_reboot>destroy</on_reboot>
                  <devices>
                    <emulator>/usr/bin/qemu-system-x86_64</emulator>
                    <disk type='file' device='disk'><driver name='qemu' type='qcow2'/><source file='OVERLAY'/><target dev='vda' bus='virtio'/></disk>
                    <disk type='file' device='disk'><driver name='qemu' type='qcow2'/><source file='AGENT'/><target dev='vdb' bus='virtio'/><readonly/></disk>
                    <channel type='unix'><target type='virtio' name='org.qemu.guest_agent.0'/></channel>
                    <serial type='file'><source path='SERIAL'/><target port='0'/></serial>
                  </devices>
                </domain>
                """.replace("SHORT", uuid.substring(0, 8)).replace("UUID", uuid)
                .replace("CPUS", System.getenv().getOrDefault("DESKPLANE_GUEST_CPUS", "2"))
                .replace("KERNEL", image.resolve("vmlinuz").toRealPath().toString())
                .replace("INITRD", image.resolve("initrd.img").toRealPath().toString())
                .replace("CMDLINE", cmdline).replace("OVERLAY", overlay.toString())
                .replace("AGENT", image.resolve("agent.qcow2").toRealPath().toString()).replace("SERIAL", serial.toString());
    }

    private static boolean hasAgentChannel(HypervisorConnection connection, String uuid) {
        try {
            return connection.vm(uuid).channels().stream().anyMatch(c -> AgentChannels.PORT_NAME.equals(c.name()));
        } catch (HypervisorException e) {
            return false;
        }
    }

    static boolean hasSessionConfiguration(String uuid) {
        try {
            return Services.service(ConfigurationAdmin.class).listConfigurations(
                    "(&(service.factoryPid=org.deskplane.channel.vm)(vmId=" + uuid + "))") != null;
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static String guestLog(GuestAgentClient qga) {
        try {
            return new String(qga.readFile("/var/lib/deskplane/agent/console.log", 4 << 20), StandardCharsets.UTF_8);
        } catch (GuestAgentException e) {
            return "";
        }
    }

    private static void waitFor(HypervisorConnection connection, String uuid, Path serial, String what, BooleanSupplier condition)
            throws Exception {
        long deadline = System.nanoTime() + BOOT.toNanos();
        while (!condition.getAsBoolean()) {
            VmState state = TestVms.state(connection, uuid);
            if (state != VmState.RUNNING) {
                fail("the VM is " + state + " before: " + what + "; console:\n" + tail(serial));
            }
            if (System.nanoTime() > deadline) {
                fail("not within " + BOOT + ": " + what + "; console:\n" + tail(serial));
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

    private static void run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            fail(String.join(" ", command) + " failed: " + output);
        }
    }
}
