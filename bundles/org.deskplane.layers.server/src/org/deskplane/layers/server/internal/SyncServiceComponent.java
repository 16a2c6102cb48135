package org.deskplane.layers.server.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

import org.deskplane.layers.api.ActivityReport;
import org.deskplane.layers.api.Binding;
import org.deskplane.layers.api.CvdStore;
import org.deskplane.layers.api.EndpointInfo;
import org.deskplane.layers.api.EndpointStatus;
import org.deskplane.layers.api.LayerException;
import org.deskplane.layers.api.MasterState;
import org.deskplane.layers.api.SyncService;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;

/**
 * The {@link SyncService} as a DS component: state under {@code ${deskplane.data}/layers/sync/}, the CVD store as a
 * dynamic optional reference (the service stays up while the store is updated; calls that need it fail clearly).
 * A configuration change re-activates the component, which reloads the persisted state.
 */
@Component(service = SyncService.class, configurationPid = "org.deskplane.layers.sync")
@Designate(ocd = SyncConfig.class)
public final class SyncServiceComponent implements SyncService {

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile CvdStore store;

    private final SyncServiceImpl delegate;

    @Activate
    public SyncServiceComponent(BundleContext context, SyncConfig config) throws IOException {
        String data = context.getProperty("deskplane.data");
        Path base = data == null || data.isBlank() ? Path.of(System.getProperty("user.dir"), "data") : Path.of(data);
        this.delegate = new SyncServiceImpl(base.toAbsolutePath().resolve("layers").resolve("sync"),
                SyncSettings.of(config), Clock.systemUTC(), new StoreFacts(() -> store));
    }

    @Override
    public Binding register(EndpointInfo endpoint) throws LayerException {
        return delegate.register(endpoint);
    }

    @Override
    public Optional<Binding> binding(String endpointId) {
        return delegate.binding(endpointId);
    }

    @Override
    public List<Binding> bindings(String cvdId) {
        return delegate.bindings(cvdId);
    }

    @Override
    public void unregister(String endpointId) throws LayerException {
        delegate.unregister(endpointId);
    }

    @Override
    public MasterState reportActivity(String cvdId, ActivityReport report) throws LayerException {
        return delegate.reportActivity(cvdId, report);
    }

    @Override
    public MasterState master(String cvdId) throws LayerException {
        return delegate.master(cvdId);
    }

    @Override
    public MasterState snapshotTaken(String cvdId, String endpointId, long version) throws LayerException {
        return delegate.snapshotTaken(cvdId, endpointId, version);
    }

    @Override
    public MasterState handedOver(String cvdId, String endpointId, long token) throws LayerException {
        return delegate.handedOver(cvdId, endpointId, token);
    }

    @Override
    public MasterState pulled(String cvdId, String endpointId, long token) throws LayerException {
        return delegate.pulled(cvdId, endpointId, token);
    }

    @Override
    public MasterState assignMaster(String cvdId, String endpointId) throws LayerException {
        return delegate.assignMaster(cvdId, endpointId);
    }

    @Override
    public void reportStatus(EndpointStatus status) throws LayerException {
        delegate.reportStatus(status);
    }

    @Override
    public Optional<EndpointStatus> status(String endpointId) {
        return delegate.status(endpointId);
    }
}
