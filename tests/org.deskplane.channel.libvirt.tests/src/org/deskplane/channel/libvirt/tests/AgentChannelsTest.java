package org.deskplane.channel.libvirt.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import org.deskplane.channel.api.HostChannel;
import org.deskplane.channel.libvirt.AgentChannels;
import org.deskplane.hypervisor.api.ChannelInfo;
import org.deskplane.hypervisor.api.HypervisorConnection;
import org.deskplane.hypervisor.api.HypervisorException;
import org.deskplane.hypervisor.api.VmId;
import org.deskplane.hypervisor.api.VmInfo;
import org.deskplane.hypervisor.api.VmState;
import org.junit.jupiter.api.Test;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * {@link AgentChannels} on libvirt: the channel lands in the VM's definition, the secret is made once, and the
 * host's per-VM session configuration and the guest's key file exist — on the test:/// driver, and on
 * qemu:///system, where QEMU then binds the channel's socket and hands the key file to fw_cfg when the VM starts.
 */
class AgentChannelsTest {

    private static final String PORT = "org.deskplane.agent.0";

    @Test
    void addsTheChannelMakesTheSecretOnceAndConfiguresTheSessionOnTheTestDriver() throws Exception {
        Configuration connectionConfig = Services.configureConnection("channels-test", "test:///default");
        try {
            HypervisorConnection connection = Services.connected("channels-test");
            String uuid = UUID.randomUUID().toString();
            connection.define(TestVms.onTestDriver("channels-" + uuid.substring(0, 8), uuid));
            AgentChannels channels = Services.service(AgentChannels.class);

            AgentChannels.Setup first = channels.ensureAgentChannel(new VmId("channels-test", uuid));
            assertEquals(uuid, first.channelVmId());
            assertTrue(first.definitionChanged());
            assertTrue(first.newSecret().isPresent(), "a new VM gets a new secret");
            assertEquals(32, first.newSecret().get().length);
            assertEquals(uuid + ".agent.sock", first.socketPath().getFileName().toString());
            List<ChannelInfo> defined = connection.vm(uuid).channels();
            assertTrue(defined.contains(new ChannelInfo("unix", PORT, first.socketPath().toString())), "channels: " + defined);
            assertTrue(Services.service(HostChannel.class).hasSecret(uuid));
            Configuration session = vmChannelConfiguration(uuid);
            assertEquals(first.socketPath().toString(), session.getProperties().get("socketPath"));
            Path keyFile = first.socketPath().resolveSibling(uuid + ".agent.key");
            assertEquals(Base64.getEncoder().encodeToString(first.newSecret().get()) + "\n",
                    Files.readString(keyFile, StandardCharsets.US_ASCII), "the guest's key file holds the new secret");
            assertEquals(PosixFilePermissions.fromString("r--------"), Files.getPosixFilePermissions(keyFile));

            AgentChannels.Setup again = channels.ensureAgentChannel(new VmId("channels-test", uuid));
            assertFalse(again.definitionChanged(), "the channel is already there");
            assertTrue(again.newSecret().isEmpty(), "an existing secret is kept (the guest already has it)");
            assertEquals(1, connection.vm(uuid).channels().stream().filter(c -> PORT.equals(c.name())).count());

            // a lost key file means the guest could not get the secret: a new secret and a new file
            Files.delete(keyFile);
            AgentChannels.Setup rekeyed = channels.ensureAgentChannel(new VmId("channels-test", uuid));
            assertTrue(rekeyed.newSecret().isPresent(), "a missing key file gives a new secret");
            assertEquals(Base64.getEncoder().encodeToString(rekeyed.newSecret().get()) + "\n",
                    Files.readString(keyFile, StandardCharsets.US_ASCII));

            channels.forget(new VmId("channels-test", uuid));
            assertEquals(null, Services.service(ConfigurationAdmin.class).listConfigurations(
                    "(&(service.factoryPid=org.deskplane.channel.vm)(vmId=" + uuid + "))"));
            assertFalse(Files.exists(keyFile), "forget removes the key file");
            connection.undefine(uuid);
        } finally {
            connectionConfig.delete();
        }
    }

    @Test
    void unknownConnectionIsAClearError() throws Exception {
        AgentChannels channels = Services.service(AgentChannels.class);
        HypervisorException e = assertThrows(HypervisorException.class,
                () -> channels.ensureAgentChannel(new VmId("no-such-connection", UUID.randomUUID().toString())));
        assertEquals(HypervisorException.Kind.NOT_FOUND, e.kind());
    }

    @Test
    void qemuBindsTheChannelSocketWhenTheVmStarts() throws Exception {
        Configuration connectionConfig = Services.configureConnection("channels-qemu", "qemu:///system");
        String uuid = UUID.randomUUID().toString();
        HypervisorConnection connection = null;
        try {
            connection = Services.connected("channels-qemu");
            connection.define(TestVms.onQemu("deskplane-channel-" + uuid.substring(0, 8), uuid, ""));
            AgentChannels.Setup setup = Services.service(AgentChannels.class).ensureAgentChannel(new VmId("channels-qemu", uuid));
            connection.start(uuid);
            HypervisorConnection running = connection;
            Services.waitFor("VM running", Services.TIMEOUT, () -> TestVms.state(running, uuid) == VmState.RUNNING);
            Services.waitFor("QEMU bound " + setup.socketPath(), Services.TIMEOUT, () -> Files.exists(setup.socketPath()));
            VmInfo live = connection.vm(uuid);
            assertTrue(live.channels().stream().anyMatch(c -> PORT.equals(c.name()) && setup.socketPath().toString().equals(c.path())),
                    "live channels: " + live.channels());
            assertNotNull(vmChannelConfiguration(uuid));
            Path keyFile = setup.keyFile().orElseThrow(() -> new AssertionError("QEMU takes fw_cfg files: a key file is expected"));
            String commandLine = TestVms.qemuCommandLine(uuid);
            assertTrue(commandLine.contains("name=" + AgentChannels.FIRMWARE_KEY_NAME + ",file=" + keyFile),
                    "QEMU hands the key file to the guest's fw_cfg: " + commandLine);
        } finally {
            TestVms.remove(connection, uuid);
            Services.service(AgentChannels.class).forget(new VmId("channels-qemu", uuid));
            connectionConfig.delete();
        }
    }

    private static Configuration vmChannelConfiguration(String uuid) throws Exception {
        Configuration[] found = Services.service(ConfigurationAdmin.class)
                .listConfigurations("(&(service.factoryPid=org.deskplane.channel.vm)(vmId=" + uuid + "))");
        assertNotNull(found, "no org.deskplane.channel.vm configuration for " + uuid);
        assertEquals(1, found.length);
        return found[0];
    }
}
