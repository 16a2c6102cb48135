package org.deskplane.layers.client.internal;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.Function;

import org.deskplane.layers.api.EntryType;
import org.deskplane.layers.api.FileEntry;
import org.deskplane.layers.api.LayerException;
import org.deskplane.layers.api.LayerManifest;
import org.deskplane.layers.chunking.Chunker;
import org.deskplane.layers.chunking.FileChunks;

/**
 * Sends the server the chunks it lacks for some manifests: asks which of all the named chunks are missing, then
 * reads only the files holding one of them again and puts just those chunks. A file changed since its scan yields
 * other chunks; the publish that follows then names a missing chunk and is refused, and the next round scans again.
 */
final class Uploader {

    private final ServerLink server;
    private final Chunker chunker;

    Uploader(ServerLink server, Chunker chunker) {
        this.server = server;
        this.chunker = chunker;
    }

    /** @return the bytes sent */
    long sendMissingChunks(Collection<LayerManifest> manifests, Function<FileEntry, Path> locate) throws IOException, LayerException {
        Set<String> named = new LinkedHashSet<>();
        manifests.forEach(m -> m.entries().forEach(e -> named.addAll(e.chunks())));
        if (named.isEmpty()) {
            return 0;
        }
        Set<String> missing = new LinkedHashSet<>(server.missingChunks(named));
        long[] sent = { 0 };
        for (LayerManifest manifest : manifests) {
            for (FileEntry entry : manifest.entries()) {
                if (missing.isEmpty()) {
                    return sent[0];
                }
                if (entry.type() != EntryType.FILE || entry.chunks().stream().noneMatch(missing::contains)) {
                    continue;
                }
                try {
                    FileChunks.of(locate.apply(entry), chunker, (id, data, offset, length) -> {
                        if (missing.remove(id)) {
                            try {
                                server.putChunk(id, data, offset, length);
                            } catch (LayerException e) {
                                throw new IOException(e.getMessage(), e);
                            }
                            sent[0] += length;
                        }
                    });
                } catch (NoSuchFileException gone) {
                    // deleted since the scan: the publish will be refused and the next round sees the deletion
                }
            }
        }
        return sent[0];
    }
}
