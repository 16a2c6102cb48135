package org.deskplane.delivery.channel.tests;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.LongConsumer;

import org.deskplane.delivery.api.DeliveryException;
import org.deskplane.delivery.api.Payload;
import org.deskplane.delivery.api.PayloadRef;
import org.deskplane.delivery.api.PayloadRepository;

/**
 * The one thing channel-copy needs of a repository: the folder holding a payload's files. The real repository is
 * tested in its own bundle; here it only stands in as the source of the files.
 */
final class FolderRepository implements PayloadRepository {
    private final Path folder;

    FolderRepository(Path folder) {
        this.folder = folder;
    }

    @Override
    public Path contentDirectory(PayloadRef ref) {
        return folder;
    }

    @Override
    public List<Payload> list() {
        throw new UnsupportedOperationException();
    }

    @Override
    public Optional<Payload> find(PayloadRef ref) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Payload importDirectory(Path dir) throws DeliveryException {
        throw new UnsupportedOperationException();
    }

    @Override
    public Payload importArchive(InputStream zip, long maxBytes) throws DeliveryException {
        throw new UnsupportedOperationException();
    }

    @Override
    public Path image(PayloadRef ref, LongConsumer progress) throws DeliveryException {
        throw new UnsupportedOperationException();
    }

    @Override
    public void delete(PayloadRef ref) throws DeliveryException {
        throw new UnsupportedOperationException();
    }
}
