package org.deskplane.delivery.tests;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongConsumer;

import org.deskplane.delivery.api.DeliveryException;
import org.deskplane.delivery.api.Payload;
import org.deskplane.delivery.api.PayloadFile;
import org.deskplane.delivery.api.PayloadManifest;
import org.deskplane.delivery.api.PayloadRef;
import org.deskplane.delivery.api.PayloadRepository;
import org.deskplane.delivery.api.Step;

/**
 * A payload repository in memory: the engine's tests need payloads to name, not real images (the CD-ROM insert they
 * reach is refused by libvirt's test driver, and the simulated device reads nothing). Its "image" is a small file.
 * The real repository has its own tests.
 */
final class MemoryRepository implements PayloadRepository {
    private final Map<PayloadRef, Payload> payloads = new ConcurrentHashMap<>();
    private final Path dir;

    MemoryRepository(Path dir) {
        this.dir = dir;
    }

    Payload add(String id, String version) {
        PayloadFile script = new PayloadFile("install.sh", 10, "0".repeat(64));
        PayloadManifest manifest = new PayloadManifest(id, version, "test payload", List.of(script),
                List.of(Step.run("install.sh", List.of())), false, null);
        Payload p = new Payload(manifest, "DP_" + id.toUpperCase().replaceAll("[^A-Z0-9]", "_"), 0, "", Instant.now());
        payloads.put(p.ref(), p);
        return p;
    }

    @Override
    public List<Payload> list() {
        return List.copyOf(payloads.values());
    }

    @Override
    public Optional<Payload> find(PayloadRef ref) {
        return Optional.ofNullable(payloads.get(ref));
    }

    @Override
    public Payload importDirectory(Path folder) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Payload importArchive(InputStream zip, long maxBytes) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Path image(PayloadRef ref, LongConsumer progress) throws DeliveryException {
        try {
            Path image = dir.resolve(ref.id() + "-" + ref.version() + ".iso");
            if (!Files.exists(image)) {
                Files.writeString(image, "not an ISO: the test driver never reads it");
            }
            return image;
        } catch (IOException e) {
            throw new DeliveryException(DeliveryException.Reason.FAILED, e.getMessage(), e);
        }
    }

    @Override
    public Path contentDirectory(PayloadRef ref) {
        return dir;
    }

    @Override
    public void delete(PayloadRef ref) {
        payloads.remove(ref);
    }
}
