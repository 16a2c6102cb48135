package org.deskplane.agent.internal;

import java.io.IOException;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.logging.Logger;

import org.osgi.framework.BundleContext;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Writes the channel's agent configuration ({@code org.deskplane.channel.agent}) from the launcher's
 * framework properties, so the channel bundle itself knows nothing about command lines.
 */
@Component(immediate = true, service = {})
public final class AgentConfigurator {

    static final String AGENT_PID = "org.deskplane.channel.agent";
    private static final Logger LOG = Logger.getLogger(AgentConfigurator.class.getName());

    @Reference
    private ConfigurationAdmin configurationAdmin;

    @Activate
    void activate(BundleContext context) throws IOException {
        String vmId = context.getProperty("deskplane.agent.vmId");
        if (vmId == null || vmId.isBlank()) {
            LOG.severe("deskplane agent: no VM id given (-Ddeskplane.agent.vmId / --vm-id); the channel stays off");
            return;
        }
        Dictionary<String, Object> props = new Hashtable<>();
        props.put("vmId", vmId);
        copy(context, props, "deskplane.agent.keyFile", "keyFile");
        copy(context, props, "deskplane.agent.socket", "socketPath");
        copy(context, props, "deskplane.agent.device", "devicePath");
        copy(context, props, "deskplane.agent.portName", "portName");
        props.put("agentVersion", context.getBundle().getVersion().toString());
        Configuration config = configurationAdmin.getConfiguration(AGENT_PID, "?");
        config.update(props);
    }

    private static void copy(BundleContext context, Dictionary<String, Object> props, String property, String key) {
        String value = context.getProperty(property);
        if (value != null && !value.isBlank()) {
            props.put(key, value);
        }
    }
}
