package org.deskplane.channel.libvirt.tests;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

import org.deskplane.channel.api.HostChannel;
import org.deskplane.channel.libvirt.AgentChannels;
import org.deskplane.hypervisor.api.HypervisorConnection;
import org.deskplane.hypervisor.api.HypervisorException;
import org.junit.jupiter.api.Test;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * A VM defined on a local QEMU connection gets its agent channel, secret, key file and host session without
 * anyone asking, and loses the session and key file when it is undefined. VMs on other connections (here
 * test:///) and VMs that opt out with the metadata entry {@code agent.channel=off} are left alone. The setup
 * works through events in order on one thread, so once a later VM is set up, the earlier ones were decided.
 */
class AgentChannelAutoSetupTest {

    private static final String SOCKETS = "/var/lib/libvirt/qemu/deskplane-channels";

    @Test
    void vmsDefinedOnLocalQemuGetTheirChannelAndLoseItWhenUndefined() throws Exception {
        Configuration qemuConfig = Services.configureConnection("auto-qemu", "qemu:///system");
        Configuration testConfig = Services.configureConnection("auto-test", "test:///default");
        String onTestDriver = UUID.randomUUID().toString();
        String optedOut = UUID.randomUUID().toString();
        String plain = UUID.randomUUID().toString();
        HypervisorConnection qemu = null;
        HypervisorConnection test = null;
        try {
            qemu = Services.connected("auto-qemu");
            test = Services.connected("auto-test");
            HostChannel host = Services.service(HostChannel.class);

            test.define(TestVms.onTestDriver("auto-" + onTestDriver.substring(0, 8), onTestDriver));
            qemu.define(TestVms.onQemu("deskplane-optout-" + optedOut.substring(0, 8), optedOut,
                    "<dp:entry key='agent.channel'>off</dp:entry>"));
            qemu.define(TestVms.onQemu("deskplane-auto-" + plain.substring(0, 8), plain, ""));

            HypervisorConnection onQemu = qemu;
            Path keyFile = Path.of(SOCKETS, plain + ".agent.key");
            Services.waitFor("the defined VM's automatic agent channel setup", Services.TIMEOUT,
                    () -> hasAgentChannel(onQemu, plain) && Files.exists(keyFile) && sessionConfiguration(plain) != null);
            assertTrue(host.hasSecret(plain));

            assertFalse(hasAgentChannel(qemu, optedOut), "a VM with agent.channel=off is left alone");
            assertFalse(host.hasSecret(optedOut));
            assertNull(sessionConfiguration(optedOut));
            assertFalse(hasAgentChannel(test, onTestDriver), "test:/// is not a local QEMU connection");
            assertNull(sessionConfiguration(onTestDriver));

            qemu.undefine(plain);
            Services.waitFor("the undefined VM's channel forgotten", Services.TIMEOUT,
                    () -> sessionConfiguration(plain) == null && !Files.exists(keyFile));
        } finally {
            TestVms.remove(qemu, plain);
            TestVms.remove(qemu, optedOut);
            TestVms.remove(test, onTestDriver);
            qemuConfig.delete();
            testConfig.delete();
        }
    }

    private static boolean hasAgentChannel(HypervisorConnection connection, String uuid) {
        try {
            return connection.vm(uuid).channels().stream().anyMatch(c -> AgentChannels.PORT_NAME.equals(c.name()));
        } catch (HypervisorException e) {
            return false;
        }
    }

    private static Configuration sessionConfiguration(String uuid) {
        try {
            Configuration[] found = Services.service(ConfigurationAdmin.class)
                    .listConfigurations("(&(service.factoryPid=org.deskplane.channel.vm)(vmId=" + uuid + "))");
            return found == null ? null : found[0];
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
