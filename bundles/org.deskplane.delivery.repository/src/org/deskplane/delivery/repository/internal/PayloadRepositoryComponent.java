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
import org.deskplane.delivery.api.PayloadRepository;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.metatype.annotations.Designate;

/**
 * The {@link PayloadRepository} service over {@code ${deskplane.data}/delivery/payloads}. A configuration change
 * re-activates it (limits are read at activation); the payloads on disk are read again then.
 */
@Component(service = PayloadRepository.class, immediate = true, configurationPid = PayloadRepositoryComponent.PID)
@Designate(ocd = RepositoryConfig.class)
public final class PayloadRepositoryComponent implements PayloadRepository {

    static final String PID = "org.deskplane.delivery.repository";

    private final FilePayloadRepository repository;

    @Activate
    public PayloadRepositoryComponent(BundleContext context, RepositoryConfig config) throws IOException {
        Path data = DataDirectory.resolve(context.getProperty(DataDirectory.PROPERTY));
        this.repository = new FilePayloadRepository(data.resolve("delivery").resolve("payloads"), ImportLimits.of(config),
                new IsoBuilderImageWriter(), Clock.systemUTC());
    }

    /** The implementation, for the engine's in-use check ({@link FilePayloadRepository#setInUseCheck}). */
    FilePayloadRepository repository() {
        return repository;
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
