package org.deskplane.server.localapi.internal;

import java.io.IOException;
import java.nio.file.Path;

import org.apache.felix.http.jetty.ConnectorFactory;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.util.component.LifeCycle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.metatype.annotations.Designate;

/**
 * Offers the HTTP whiteboard's Jetty a connector on a Unix-domain socket (see package-info). Registered by hand,
 * not as a DS service: with nowhere to put the socket (no data directory, or disabled) there is no connector
 * factory at all, rather than one that fails each time Jetty asks.
 */
@Component(configurationPid = LocalApiSocket.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL, immediate = true)
@Designate(ocd = LocalApiSocketConfig.class)
public final class LocalApiSocket {
    static final String PID = "org.deskplane.server.localapi";
    /** The server launcher's data directory property (org.deskplane.server's ServerOptions). */
    static final String DATA_DIRECTORY = "deskplane.data";

    @Reference(service = LoggerFactory.class)
    private Logger log;

    private ServiceRegistration<ConnectorFactory> registration;
    private SocketFile socket;
    /** The connector of the whiteboard's current Jetty server, if it has asked for one. */
    private volatile UnixSocketConnector current;

    @Activate
    void activate(BundleContext context, LocalApiSocketConfig config) {
        if (!config.enabled()) {
            log.info("Local API socket: disabled by configuration " + PID);
            return;
        }
        Path path;
        if (!config.path().isBlank()) {
            path = Path.of(config.path().strip());
        } else if (context.getProperty(DATA_DIRECTORY) != null) {
            path = Path.of(context.getProperty(DATA_DIRECTORY), "run", "api.sock");
        } else {
            log.info("Local API socket: no data directory (" + DATA_DIRECTORY + ") and no path in " + PID
                    + "; not listening");
            return;
        }
        try {
            socket = new SocketFile(path, config.mode());
        } catch (IllegalArgumentException e) {
            log.error("Local API socket not opened: " + e.getMessage());
            return;
        }
        ConnectorFactory factory = this::connector;
        registration = context.registerService(ConnectorFactory.class, factory, null);
    }

    @Deactivate
    void deactivate() {
        if (registration != null) {
            registration.unregister(); // Jetty stops and drops the connector
            registration = null;
        }
        if (current != null) {
            stopQuietly(current); // in case the whiteboard had already let go of its server
            current = null;
        }
        if (socket != null) {
            try {
                socket.remove();
            } catch (IOException e) {
                log.warn("Local API socket: could not remove " + socket.path() + ": " + e.getMessage());
            }
        }
    }

    /** Called by Jetty's side each time its server (re)starts; Jetty binds the connector after this returns. */
    private Connector connector(Server server) {
        SocketFile file = socket;
        UnixSocketConnector previous = current;
        if (previous != null && previous.getServer() != server) {
            stopQuietly(previous); // Jetty restarted (new configuration): the old server's connector must let go
        }
        try {
            file.prepare();
        } catch (IOException e) {
            log.error("Local API socket: " + e.getMessage());
            throw new IllegalStateException(e.getMessage(), e);
        }
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false); // as on the HTTPS connector: error answers are ours, versions stay hidden
        http.setSendXPoweredBy(false);
        http.addCustomizer(new LoopbackPeer());
        UnixSocketConnector connector = new UnixSocketConnector(server, file.path(), new HttpConnectionFactory(http));
        connector.addEventListener(new LifeCycle.Listener() {
            @Override
            public void lifeCycleStarted(LifeCycle event) {
                try {
                    file.restrict();
                    log.info("Local API socket at " + file.path() + " (curl --unix-socket " + file.path()
                            + " http://localhost/api/health)");
                } catch (IOException e) {
                    log.error("Local API socket: cannot set the permissions of " + file.path() + "; closing it: "
                            + e.getMessage());
                    try {
                        connector.stop();
                    } catch (Exception stop) {
                        log.error("Local API socket: closing failed: " + stop);
                    }
                }
            }
        });
        current = connector;
        return connector;
    }

    private void stopQuietly(UnixSocketConnector connector) {
        try {
            connector.stop();
        } catch (Exception e) {
            log.warn("Local API socket: stopping the previous connector failed: " + e);
        }
    }
}
