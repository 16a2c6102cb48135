package org.deskplane.channel.internal.host;

import java.io.IOException;
import java.nio.file.Path;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * A Unix socket on which agents connect themselves (agents beside the server, tests, physical endpoints);
 * any agent with a provisioned secret may authenticate. Off unless configured.
 */
@Component(configurationPid = AgentListenerComponent.PID, configurationPolicy = ConfigurationPolicy.REQUIRE, service = {})
@Designate(ocd = AgentListenerComponent.Config.class)
public final class AgentListenerComponent {

    public static final String PID = "org.deskplane.channel.listener";

    @ObjectClassDefinition(name = "Deskplane agent listener")
    public @interface Config {
        @AttributeDefinition(description = "Path of the Unix socket to listen on")
        String socketPath();
    }

    @Reference
    private HostChannelComponent host;

    private UnixSocketListener listener;

    @Activate
    void activate(Config config) throws IOException {
        listener = new UnixSocketListener(host.endpoint(), Path.of(config.socketPath()));
    }

    @Deactivate
    void deactivate() {
        listener.close();
    }
}
