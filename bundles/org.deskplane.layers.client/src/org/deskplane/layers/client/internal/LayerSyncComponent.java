package org.deskplane.layers.client.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;

import org.deskplane.layers.api.EndpointStatus;
import org.deskplane.layers.api.MasterState;
import org.deskplane.layers.client.LayerSyncClient;
import org.deskplane.layers.spi.LayerShim;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * The layer sync client of the agent. Configured by {@code deskplane.layers.*} framework properties; without them it
 * is registered but idle. Shims of this endpoint's OS are picked up and dropped as their bundles come and go.
 */
@Component(service = LayerSyncClient.class, immediate = true)
public final class LayerSyncComponent implements LayerSyncClient {

    private static final Logger LOG = Logger.getLogger(LayerSyncComponent.class.getName());

    private final ShimRunner shims;
    private final Optional<ClientSettings> settings;
    private SyncEngine engine;
    private SyncLoop loop;
    private ControlEndpoint control;

    @Activate
    public LayerSyncComponent(BundleContext context) throws Exception {
        String data = context.getProperty("deskplane.data");
        Path dataDir = Path.of(data == null ? "data" : data).toAbsolutePath();
        this.settings = ClientSettings.from(context::getProperty, dataDir);
        this.shims = new ShimRunner(settings.map(ClientSettings::osFamily).orElse("linux"));
        if (settings.isEmpty()) {
            LOG.info("layer sync is off (no " + ClientSettings.PREFIX + "server)");
            return;
        }
        ClientSettings s = settings.get();
        ServerLink server = new RestServerLink(s.server(), s.user(), s.password(), s.fingerprint());
        engine = new SyncEngine(s, server, new LocalState(s.stateDir()), shims, Clock.systemUTC(), line -> LOG.info(line));
        loop = new SyncLoop(engine, server, s, line -> LOG.info(line));
        if (s.controlPort() >= 0) {
            try {
                control = new ControlEndpoint(s.controlPort(), new ControlEndpoint.Commands() {
                    @Override
                    public Path open(String endpointPath) throws Exception {
                        return LayerSyncComponent.this.open(endpointPath);
                    }

                    @Override
                    public void sync() {
                        syncNow();
                    }

                    @Override
                    public int logOn() throws Exception {
                        return LayerSyncComponent.this.logOn();
                    }
                }, line -> LOG.info(line));
                // programs on the endpoint find the port here (0 in the settings picks a free one)
                LocalState.write(s.stateDir().resolve("control.port"), Integer.toString(control.port()).getBytes());
                LOG.info("layer control endpoint on 127.0.0.1:" + control.port());
            } catch (IOException e) {
                LOG.warning("no layer control endpoint on port " + s.controlPort() + ": " + e.getMessage());
            }
        }
    }

    @Deactivate
    void deactivate() throws Exception {
        if (control != null) {
            control.close();
        }
        if (loop != null) {
            loop.close();
        }
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addShim(LayerShim shim) {
        shims.add(shim);
    }

    void removeShim(LayerShim shim) {
        shims.remove(shim);
    }

    @Override
    public EndpointStatus status() {
        return engine == null ? new EndpointStatus(settings.map(ClientSettings::endpointId).orElse(""), Map.of(), 0, 0, List.of(),
                Instant.now(), "layer sync is off") : engine.status();
    }

    @Override
    public MasterState master() {
        return engine == null ? null : engine.master();
    }

    @Override
    public void syncNow() {
        if (loop != null) {
            loop.wakeUp();
        }
    }

    @Override
    public void userActive() {
        if (engine != null) {
            engine.activity().mark();
            loop.wakeUp();
        }
    }

    @Override
    public int logOn() throws IOException {
        return engine == null ? 0 : engine.logOn();
    }

    @Override
    public Path open(String endpointPath) throws IOException {
        if (engine == null || engine.binding() == null) {
            throw new IOException("layer sync is not bound to a CVD yet");
        }
        try {
            return engine.open(endpointPath);
        } catch (org.deskplane.layers.api.LayerException e) {
            throw new IOException(e.getMessage(), e);
        }
    }
}
