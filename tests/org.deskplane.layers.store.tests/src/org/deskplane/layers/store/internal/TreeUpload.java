package org.deskplane.layers.store.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.deskplane.layers.api.EntryType;
import org.deskplane.layers.api.FileEntry;
import org.deskplane.layers.api.Layer;
import org.deskplane.layers.api.LayerException;
import org.deskplane.layers.api.LayerManifest;
import org.deskplane.layers.chunking.Chunker;
import org.deskplane.layers.chunking.FileChunks;

/**
 * What an endpoint does against the store, minus the network: chunk each file of a tree with the shared
 * content-defined chunker, ask which chunks the store lacks, put only those (counting the bytes "sent"), and build the
 * layer manifest; and the reverse, writing a version's files by concatenating their chunks.
 */
final class TreeUpload {

    long bytesSent;
    long chunksSent;

    LayerManifest upload(FileCvdStore store, Path root, Layer layer) throws IOException, LayerException {
        List<FileEntry> entries = new ArrayList<>();
        List<Path> files;
        try (var walk = Files.walk(root)) {
            files = walk.filter(Files::isRegularFile).sorted().toList();
        }
        for (Path file : files) {
            FileChunks chunks = FileChunks.of(file, Chunker.DEFAULT, (id, data, offset, length) -> {
                // one question per chunk keeps memory flat; a real client batches ids (at most 10,000 per request)
                if (!store.missingChunks(List.of(id)).isEmpty()) {
                    try {
                        store.putChunk(id, new ByteArrayInputStream(data, offset, length), length);
                    } catch (LayerException e) {
                        throw new IOException(e);
                    }
                    bytesSent += length;
                    chunksSent++;
                }
            });
            String path = root.relativize(file).toString().replace('\\', '/');
            entries.add(new FileEntry(path, EntryType.FILE, 0644, "", Files.getLastModifiedTime(file).toMillis(), chunks.size(),
                    chunks.contentHash(), chunks.chunkIds(), ""));
        }
        return new LayerManifest(layer, entries);
    }

    /** The chunk ids of a tree without sending anything: what a second endpoint offers. */
    static Set<String> chunkIds(Path root) throws IOException {
        Set<String> ids = new java.util.LinkedHashSet<>();
        try (var walk = Files.walk(root)) {
            for (Path file : (Iterable<Path>) walk.filter(Files::isRegularFile).sorted()::iterator) {
                ids.addAll(FileChunks.of(file, Chunker.DEFAULT, FileChunks.discard()).chunkIds());
            }
        }
        return ids;
    }

    static void materialize(FileCvdStore store, LayerManifest manifest, Path target) throws IOException, LayerException {
        for (FileEntry entry : manifest.entries()) {
            Path file = target.resolve(entry.path());
            Files.createDirectories(file.getParent());
            try (OutputStream out = Files.newOutputStream(file)) {
                for (String chunk : entry.chunks()) {
                    out.write(store.readChunk(chunk));
                }
            }
        }
    }
}
