package org.deskplane.layers.chunking;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * A file's content as chunks: the SHA-256 of the whole content, its size and its chunk ids in order.
 */
public record FileChunks(String contentHash, long size, List<String> chunkIds) {

    public FileChunks {
        chunkIds = List.copyOf(chunkIds);
    }

    /** Chunks {@code file}, handing each chunk to {@code sink} (which may ignore it when only the ids matter). */
    public static FileChunks of(Path file, Chunker chunker, ChunkSink sink) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return of(in, chunker, sink);
        }
    }

    public static FileChunks of(InputStream in, Chunker chunker, ChunkSink sink) throws IOException {
        MessageDigest whole = Chunker.sha256();
        List<String> ids = new ArrayList<>();
        long[] size = { 0 };
        chunker.split(in, (id, data, offset, length) -> {
            whole.update(data, offset, length);
            ids.add(id);
            size[0] += length;
            sink.chunk(id, data, offset, length);
        });
        return new FileChunks(HexFormat.of().formatHex(whole.digest()), size[0], ids);
    }

    /** A sink that keeps nothing: for scans that only need the ids. */
    public static ChunkSink discard() {
        return (id, data, offset, length) -> {
        };
    }
}
