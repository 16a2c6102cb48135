package org.deskplane.agent.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Collections;
import java.util.Dictionary;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.util.tracker.ServiceTracker;

/**
 * The agent bundle's configurator, run for real: the agent bundle is restarted with different launcher properties
 * ({@code deskplane.agent.*}, framework properties that Equinox reads through to system properties) and the
 * channel's configuration {@value #PID} it writes is read back from ConfigurationAdmin.
 */
class AgentConfiguratorTest {
    private static final String PID = "org.deskplane.channel.agent";
    private static final List<String> LAUNCHER_PROPERTIES = List.of("deskplane.agent.vmId", "deskplane.agent.keyFile",
            "deskplane.agent.socket", "deskplane.agent.device", "deskplane.agent.portName");
    private static final long DEADLINE_MILLIS = 30_000;

    private final BundleContext context = FrameworkUtil.getBundle(AgentConfiguratorTest.class).getBundleContext();
    private final Logger configuratorLog = Logger.getLogger("org.deskplane.agent.internal.AgentConfigurator");
    private final List<LogRecord> logged = new CopyOnWriteArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            logged.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private ServiceTracker<ConfigurationAdmin, ConfigurationAdmin> configAdminTracker;
    private ConfigurationAdmin configAdmin;

    @BeforeEach
    void setUp() throws Exception {
        configAdminTracker = new ServiceTracker<>(context, ConfigurationAdmin.class, null);
        configAdminTracker.open();
        configAdmin = configAdminTracker.waitForService(DEADLINE_MILLIS);
        assertNotNull(configAdmin, "no ConfigurationAdmin within 30 s");
        deleteAgentConfiguration();
        configuratorLog.addHandler(capture);
    }

    @AfterEach
    void tearDown() throws Exception {
        configuratorLog.removeHandler(capture);
        LAUNCHER_PROPERTIES.forEach(System::clearProperty);
        deleteAgentConfiguration();
        // leave the agent running as the framework started it, for the handler tests
        Bundle agent = agentBundle();
        if (agent.getState() != Bundle.ACTIVE) {
            agent.start();
        }
        configAdminTracker.close();
    }

    @Test
    void launcherPropertiesBecomeTheChannelConfiguration() throws Exception {
        restartAgentWith(Map.of("deskplane.agent.vmId", "desk-01", "deskplane.agent.keyFile", "/etc/deskplane/desk-01.key",
                "deskplane.agent.socket", "/run/deskplane/desk-01.sock", "deskplane.agent.device", "/dev/vport0p1",
                "deskplane.agent.portName", "org.deskplane.agent.1"));
        Dictionary<String, Object> config = awaitAgentConfiguration();
        assertEquals("desk-01", config.get("vmId"));
        assertEquals("/etc/deskplane/desk-01.key", config.get("keyFile"));
        assertEquals("/run/deskplane/desk-01.sock", config.get("socketPath"));
        assertEquals("/dev/vport0p1", config.get("devicePath"));
        assertEquals("org.deskplane.agent.1", config.get("portName"));
        assertEquals(agentBundle().getVersion().toString(), config.get("agentVersion"));
    }

    @Test
    void optionsNotGivenAreLeftToTheChannelsDefaults() throws Exception {
        // blank counts as not given: the channel's own defaults (key file, port name) must then apply
        restartAgentWith(Map.of("deskplane.agent.vmId", "desk-02", "deskplane.agent.socket", "  "));
        Dictionary<String, Object> config = awaitAgentConfiguration();
        assertEquals("desk-02", config.get("vmId"));
        List<String> keys = Collections.list(config.keys());
        for (String key : List.of("keyFile", "socketPath", "devicePath", "portName")) {
            assertFalse(keys.contains(key), key + " written although not given: " + keys);
        }
    }

    @Test
    void withoutVmIdNoConfigurationIsWrittenAndTheLogSaysWhy() throws Exception {
        restartAgentWith(Map.of("deskplane.agent.keyFile", "/etc/deskplane/desk-01.key"));
        LogRecord record = awaitLog();
        assertEquals(Level.SEVERE, record.getLevel());
        assertTrue(record.getMessage().contains("no VM id"), record.getMessage());
        assertTrue(record.getMessage().contains("--vm-id"), record.getMessage());
        assertNull(agentConfiguration(), "configuration written without a VM id");
    }

    @Test
    void blankVmIdCountsAsMissing() throws Exception {
        restartAgentWith(Map.of("deskplane.agent.vmId", "   "));
        assertTrue(awaitLog().getMessage().contains("no VM id"));
        assertNull(agentConfiguration(), "configuration written with a blank VM id");
    }

    private void restartAgentWith(Map<String, String> properties) throws Exception {
        Bundle agent = agentBundle();
        agent.stop();
        LAUNCHER_PROPERTIES.forEach(System::clearProperty);
        properties.forEach(System::setProperty);
        assertEquals(properties.get("deskplane.agent.vmId"), context.getProperty("deskplane.agent.vmId"),
                "framework properties do not read through to system properties here");
        logged.clear();
        agent.start();
    }

    private Dictionary<String, Object> awaitAgentConfiguration() throws Exception {
        long deadline = System.currentTimeMillis() + DEADLINE_MILLIS;
        while (System.currentTimeMillis() < deadline) {
            Configuration config = agentConfiguration();
            if (config != null) {
                return config.getProperties();
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no configuration " + PID + " within 30 s; log: " + messages());
    }

    private LogRecord awaitLog() throws InterruptedException {
        long deadline = System.currentTimeMillis() + DEADLINE_MILLIS;
        while (System.currentTimeMillis() < deadline) {
            if (!logged.isEmpty()) {
                return logged.get(0);
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the configurator logged nothing within 30 s");
    }

    private Configuration agentConfiguration() throws Exception {
        Configuration[] found = configAdmin.listConfigurations("(service.pid=" + PID + ")");
        return found == null ? null : found[0];
    }

    private void deleteAgentConfiguration() throws Exception {
        Configuration[] found = configAdmin.listConfigurations("(service.pid=" + PID + ")");
        if (found != null) {
            for (Configuration c : found) {
                c.delete();
            }
        }
    }

    private List<String> messages() {
        return logged.stream().map(LogRecord::getMessage).toList();
    }

    private Bundle agentBundle() {
        for (Bundle b : context.getBundles()) {
            if ("org.deskplane.agent".equals(b.getSymbolicName())) {
                return b;
            }
        }
        throw new AssertionError("org.deskplane.agent is not installed");
    }
}
