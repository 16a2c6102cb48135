package org.deskplane.delivery.repository.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.LongConsumer;

import org.deskplane.delivery.api.DeliveryException;
import org.deskplane.delivery.api.Payload;
import org.deskplane.delivery.api.PayloadRef;
import org.deskplane.delivery.api.DeploymentService;
import org.deskplane.delivery.api.DeploymentState;
import org.deskplane.delivery.api.PayloadRepository;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.ComponentContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.Designate;

/**
 * The {@link PayloadRepository} service over {@code ${deskplane.data}/delivery/payloads}. A configuration change
 * re-activates it (limits are read at activation); the payloads on disk are read again then.
 */
// The engine references this repository, and this repository asks the engine before a delete. Were both injected
// references, activating one would activate the other inside its own activation (SCR reports a circular reference
// and the engine may start without its repository). So the engine is looked up only when a delete asks.
@Component(service = PayloadRepository.class, immediate = true, configurationPid = PayloadRepositoryComponent.PID,
        reference = @Reference(name = PayloadRepositoryComponent.DEPLOYMENTS, service = DeploymentService.class,
                cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC))
@Designate(ocd = RepositoryConfig.class)
public final class PayloadRepositoryComponent implements PayloadRepository {

    static final String PID = "org.deskplane.delivery.repository";
    static final String DEPLOYMENTS = "deployments";

    private final FilePayloadRepository repository;
    private final ComponentContext component;

    @Activate
    public PayloadRepositoryComponent(BundleContext context, ComponentContext component, RepositoryConfig config) throws IOException {
        this.component = component;
        Path data = DataDirectory.resolve(context.getProperty(DataDirectory.PROPERTY));
        this.repository = new FilePayloadRepository(data.resolve("delivery").resolve("payloads"), ImportLimits.of(config),
                new IsoBuilderImageWriter(), Clock.systemUTC());
        repository.setInUseCheck(this::usedByADeployment);
    }

    FilePayloadRepository repository() {
        return repository;
    }

    /** A payload that a running or paused deployment names stays: its pending VMs still need it. */
    private boolean usedByADeployment(PayloadRef ref) {
        DeploymentService engine = component.locateService(DEPLOYMENTS);
        return engine != null && engine.list().stream().anyMatch(d -> (d.state() == DeploymentState.RUNNING
                || d.state() == DeploymentState.PAUSED) && d.payloads().contains(ref));
    }

    @Override
    public List<Payload> list() {
        return repository.list();
    }

    @Override
    public Optional<Payload> find(PayloadRef ref) {
        return repository.find(ref);
    }

    @Override
    public Payload importDirectory(Path folder) throws DeliveryException {
        return repository.importDirectory(folder);
    }

    @Override
    public Payload importArchive(InputStream zip, long maxBytes) throws DeliveryException {
        return repository.importArchive(zip, maxBytes);
    }

    @Override
    public Path image(PayloadRef ref, LongConsumer progress) throws DeliveryException {
        return repository.image(ref, progress);
    }

    @Override
    public Path contentDirectory(PayloadRef ref) throws DeliveryException {
        return repository.contentDirectory(ref);
    }

    @Override
    public void delete(PayloadRef ref) throws DeliveryException {
        repository.delete(ref);
    }
}
