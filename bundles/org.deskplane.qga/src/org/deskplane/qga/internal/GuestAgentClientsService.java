package org.deskplane.qga.internal;

import java.nio.file.Path;
import java.time.Duration;

import org.deskplane.qga.api.GuestAgentClient;
import org.deskplane.qga.api.GuestAgentClients;
import org.deskplane.qga.api.GuestAgentException;
import org.deskplane.qga.api.GuestAgentOptions;
import org.deskplane.qga.api.QgaTransport;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.Designate;

/**
 * The {@link GuestAgentClients} service. It holds no connections itself (each client belongs to whoever
 * opened it), so stopping or updating this bundle never cuts a guest off mid-command for a consumer that
 * already has its client.
 */
@Component(service = GuestAgentClients.class, configurationPid = "org.deskplane.qga")
@Designate(ocd = GuestAgentClientsConfig.class)
public class GuestAgentClientsService implements GuestAgentClients {
    private volatile GuestAgentOptions defaults;

    @Activate
    public GuestAgentClientsService(GuestAgentClientsConfig config) {
        this.defaults = options(config);
    }

    @Modified
    void modified(GuestAgentClientsConfig config) {
        this.defaults = options(config);
    }

    private static GuestAgentOptions options(GuestAgentClientsConfig config) {
        return new GuestAgentOptions(Duration.ofMillis(config.callTimeoutMillis()), config.maxResponseBytes(),
                config.fileChunkBytes());
    }

    @Override
    public GuestAgentOptions defaultOptions() {
        return defaults;
    }

    @Override
    public GuestAgentClient open(Path socket, GuestAgentOptions options) throws GuestAgentException {
        return QgaClient.open(UnixSocketQgaTransport.connect(socket, options.maxResponseBytes()), options);
    }

    @Override
    public GuestAgentClient open(QgaTransport transport, GuestAgentOptions options) throws GuestAgentException {
        return QgaClient.open(transport, options);
    }
}
