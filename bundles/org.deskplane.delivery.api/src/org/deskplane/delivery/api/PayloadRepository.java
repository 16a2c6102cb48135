package org.deskplane.delivery.api;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.LongConsumer;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The payload library: each payload is kept as a read-only folder of its files plus its manifest, and as one ISO
 * 9660 image built from them on demand, which many VMs read at once. Imports check every file against the hashes an
 * author put in the manifest and complete the manifest with the files found.
 */
@ProviderType
public interface PayloadRepository {

    List<Payload> list();

    Optional<Payload> find(PayloadRef ref);

    /** Imports a folder holding a {@link PayloadManifest#FILE_NAME} (copied: the folder may change later). */
    Payload importDirectory(Path folder) throws DeliveryException;

    /** Imports a zip archive holding a {@link PayloadManifest#FILE_NAME} in its root; at most {@code maxBytes} are read. */
    Payload importArchive(InputStream zip, long maxBytes) throws DeliveryException;

    /**
     * The payload's ISO image (label {@link Payload#volumeLabel()}), built on the first call and kept. Readable by
     * the hypervisor's user. {@code progress} is told the bytes written so far while it is built.
     */
    Path image(PayloadRef ref, LongConsumer progress) throws DeliveryException;

    /** The payload's files as a folder (for deliveries that copy files rather than attach a device). Read-only. */
    Path contentDirectory(PayloadRef ref) throws DeliveryException;

    /** Removes a payload and its image. */
    void delete(PayloadRef ref) throws DeliveryException;
}
