package org.deskplane.modules.agent.internal;

import java.io.IOException;
import java.util.logging.Logger;

import org.deskplane.modules.agent.api.ModuleRequester;
import org.deskplane.modules.agent.cli.LocalProtocol;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Serves the module verbs on the guest's loopback for {@code deskplane-module} and other software outside the agent's
 * framework ({@link LocalProtocol}). Loopback only: the host decides who may do what from the VM's identity, so any
 * process in this guest asks as this VM, and nothing outside the guest can ask.
 */
@Component(service = LocalControlComponent.class, immediate = true, configurationPid = LocalControlComponent.PID)
@Designate(ocd = LocalControlComponent.Config.class)
public final class LocalControlComponent {
    public static final String PID = "org.deskplane.modules.agent";
    private static final Logger LOG = Logger.getLogger(LocalControlComponent.class.getName());

    @ObjectClassDefinition(name = "Deskplane guest module control endpoint")
    public @interface Config {
        @AttributeDefinition(description = "TCP port of the control endpoint (deskplane-module's default); 0 = any free port")
        int port() default LocalProtocol.DEFAULT_PORT;

        @AttributeDefinition(description = "Loopback address to listen on; a non-loopback address is refused")
        String address() default "127.0.0.1";

        @AttributeDefinition(description = "Concurrent connections")
        int maxConnections() default 8;

        @AttributeDefinition(description = "Milliseconds a client may stay silent while sending its request")
        int readTimeoutMillis() default 60_000;
    }

    @Reference
    private ModuleRequester requester;

    private ControlServer server;

    @Activate
    void activate(Config config) throws IOException {
        server = new ControlServer(config.address(), config.port(), config.maxConnections(), config.readTimeoutMillis(),
                new ControlCommands(requester));
        LOG.info("module control endpoint on " + config.address() + ":" + server.port());
    }

    /** The port the endpoint listens on (for tests and logs). */
    public int port() {
        return server.port();
    }

    @Deactivate
    void deactivate() {
        server.close();
    }
}
