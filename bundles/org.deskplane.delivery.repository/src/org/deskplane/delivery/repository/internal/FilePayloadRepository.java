package org.deskplane.delivery.repository.internal;

import java.io.IOException;
import java.io.InputStream;
import java.lang.System.Logger.Level;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongConsumer;
import java.util.function.Predicate;

import org.deskplane.delivery.api.DeliveryException;
import org.deskplane.delivery.api.DeliveryException.Reason;
import org.deskplane.delivery.api.Payload;
import org.deskplane.delivery.api.PayloadManifest;
import org.deskplane.delivery.api.PayloadRef;
import org.deskplane.delivery.api.PayloadRepository;

/**
 * The payload repository over one folder ({@code <data>/delivery/payloads}): {@code <id>/<version>/files/},
 * {@code payload.properties} and {@code image.iso}. Imports are staged in {@code .staging/} and renamed into place in
 * one step; deletes rename out of place first, so a payload is always wholly there or wholly gone.
 */
public final class FilePayloadRepository implements PayloadRepository {

    private static final System.Logger LOG = System.getLogger(FilePayloadRepository.class.getName());
    static final String FILES = "files";

    private final Path root;
    private final Path staging;
    private final ImportLimits limits;
    private final Clock clock;
    private final ImageBuilds images;
    private final Map<PayloadRef, Payload> payloads = new ConcurrentHashMap<>();
    private volatile Predicate<PayloadRef> inUse = ref -> false;

    FilePayloadRepository(Path root, ImportLimits limits, ImageWriter writer, Clock clock) throws IOException {
        this.root = root;
        this.staging = root.resolve(".staging");
        this.limits = limits;
        this.clock = clock;
        this.images = new ImageBuilds(writer);
        Files.createDirectories(root);
        // whatever an import or delete left when the server stopped is garbage now
        Trees.deleteRecursively(staging);
        Files.createDirectories(staging);
        load();
    }

    /** Lets the deployment engine veto deletes of payloads that deployments still use. */
    public void setInUseCheck(Predicate<PayloadRef> check) {
        this.inUse = check == null ? ref -> false : check;
    }

    Path root() {
        return root;
    }

    private void load() throws IOException {
        try (DirectoryStream<Path> ids = Files.newDirectoryStream(root, p -> !p.getFileName().toString().startsWith("."))) {
            for (Path id : ids) {
                if (!Files.isDirectory(id)) {
                    continue;
                }
                try (DirectoryStream<Path> versions = Files.newDirectoryStream(id)) {
                    for (Path version : versions) {
                        try {
                            Payload payload = read(version);
                            payloads.put(payload.ref(), payload);
                        } catch (IOException | DeliveryException | RuntimeException e) {
                            LOG.log(Level.WARNING, "skipping damaged payload folder " + version + ": " + e.getMessage());
                        }
                    }
                }
            }
        }
    }

    private static Payload read(Path folder) throws IOException, DeliveryException {
        PayloadProperties properties = PayloadProperties.load(folder);
        PayloadManifest manifest;
        try (InputStream in = Files.newInputStream(folder.resolve(FILES).resolve(PayloadManifest.FILE_NAME))) {
            manifest = PayloadManifest.parse(in);
        } catch (org.deskplane.delivery.api.ManifestException e) {
            throw new DeliveryException(Reason.INVALID, e.getMessage(), e);
        }
        if (!folder.getFileName().toString().equals(manifest.version()) || !folder.getParent().getFileName().toString().equals(manifest.id())) {
            throw new IOException("folder name does not match the manifest's " + manifest.id() + "/" + manifest.version());
        }
        long imageSize = Files.isRegularFile(folder.resolve(ImageBuilds.IMAGE)) ? properties.imageSize() : 0;
        return new Payload(manifest, properties.volumeLabel(), imageSize, imageSize == 0 ? "" : properties.imageSha256(), properties.created());
    }

    @Override
    public List<Payload> list() {
        return payloads.values().stream()
                .sorted(Comparator.comparing((Payload p) -> p.manifest().id()).thenComparing(p -> p.manifest().version()))
                .toList();
    }

    @Override
    public Optional<Payload> find(PayloadRef ref) {
        return Optional.ofNullable(payloads.get(ref));
    }

    @Override
    public Payload importDirectory(Path folder) throws DeliveryException {
        Path stage = newStage();
        try {
            return commit(stage, DirectoryCopier.copy(folder, stage.resolve(FILES), limits));
        } catch (IOException e) {
            throw new DeliveryException(Reason.INVALID, "cannot import " + folder + ": " + e.getMessage(), e);
        } finally {
            Trees.deleteQuietly(stage, null);
        }
    }

    @Override
    public Payload importArchive(InputStream zip, long maxBytes) throws DeliveryException {
        Path stage = newStage();
        try {
            long bound = Math.min(maxBytes, limits.maxArchiveBytes());
            return commit(stage, ZipExtractor.extract(zip, bound, stage.resolve(FILES), limits));
        } catch (IOException e) {
            throw new DeliveryException(Reason.INVALID, "cannot import the archive: " + e.getMessage(), e);
        } finally {
            Trees.deleteQuietly(stage, null);
        }
    }

    private Path newStage() throws DeliveryException {
        try {
            Path stage = staging.resolve(UUID.randomUUID().toString());
            Files.createDirectories(stage.resolve(FILES));
            return stage;
        } catch (IOException e) {
            throw new DeliveryException(Reason.TRANSIENT, "cannot create a staging folder under " + staging + ": " + e.getMessage(), e);
        }
    }

    /** Completes the manifest, writes the repository's files into the stage and renames it into place. */
    private Payload commit(Path stage, StagedFiles staged) throws IOException, DeliveryException {
        PayloadManifest manifest = ManifestCompletion.complete(staged);
        byte[] manifestBytes = manifest.toBytes();
        Path files = stage.resolve(FILES);
        Files.write(files.resolve(PayloadManifest.FILE_NAME), manifestBytes);
        Instant created = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        PayloadProperties properties = new PayloadProperties(VolumeLabels.of(manifestBytes), created, "", 0);
        properties.store(stage);
        Trees.makeReadOnly(files, file -> staged.executables().contains(files.relativize(file).toString().replace('\\', '/')));
        Trees.permissions(stage, Trees.DIRECTORY);
        Payload payload = new Payload(manifest, properties.volumeLabel(), 0, "", created);
        synchronized (this) {
            PayloadRef ref = payload.ref();
            Path target = folder(ref);
            if (payloads.containsKey(ref) || Files.exists(target)) {
                throw new DeliveryException(Reason.CONFLICT, "payload " + ref + " already exists");
            }
            Files.createDirectories(target.getParent());
            Trees.permissions(target.getParent(), Trees.DIRECTORY);
            Files.move(stage, target, StandardCopyOption.ATOMIC_MOVE);
            payloads.put(ref, payload);
        }
        return payload;
    }

    private Path folder(PayloadRef ref) {
        return root.resolve(ref.id()).resolve(ref.version());
    }

    private Payload require(PayloadRef ref) throws DeliveryException {
        Payload payload = payloads.get(ref);
        if (payload == null) {
            throw new DeliveryException(Reason.NOT_FOUND, "no payload " + ref);
        }
        return payload;
    }

    @Override
    public Path image(PayloadRef ref, LongConsumer progress) throws DeliveryException {
        Payload payload = require(ref);
        return images.image(payload, folder(ref), progress == null ? b -> { } : progress, this::recordImage);
    }

    private void recordImage(PayloadRef ref, String sha256, long size) throws IOException {
        Path folder = folder(ref);
        PayloadProperties.load(folder).withImage(sha256, size).store(folder);
        payloads.computeIfPresent(ref, (r, p) -> new Payload(p.manifest(), p.volumeLabel(), size, sha256, p.created()));
    }

    @Override
    public Path contentDirectory(PayloadRef ref) throws DeliveryException {
        require(ref);
        return folder(ref).resolve(FILES);
    }

    @Override
    public void delete(PayloadRef ref) throws DeliveryException {
        Path trash;
        synchronized (this) {
            require(ref);
            if (inUse.test(ref)) {
                throw new DeliveryException(Reason.CONFLICT, "payload " + ref + " is used by a deployment");
            }
            if (images.isBuilding(ref)) {
                throw new DeliveryException(Reason.CONFLICT, "the image of payload " + ref + " is being built");
            }
            trash = staging.resolve("deleted-" + UUID.randomUUID());
            try {
                Files.move(folder(ref), trash, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                throw new DeliveryException(Reason.TRANSIENT, "cannot delete payload " + ref + ": " + e.getMessage(), e);
            }
            payloads.remove(ref);
        }
        try {
            Trees.deleteRecursively(trash);
            Files.deleteIfExists(root.resolve(ref.id())); // only when no other version is left
        } catch (IOException e) {
            // the payload is gone from the repository; .staging is emptied on the next start
            LOG.log(Level.WARNING, "payload " + ref + " deleted, but its files not all removed yet: " + e.getMessage());
        }
    }
}
