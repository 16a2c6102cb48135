package org.deskplane.layers.chunking;

import java.io.IOException;

/** Receives chunks in stream order. The array is reused after the call returns: copy what must be kept. */
@FunctionalInterface
public interface ChunkSink {
    void chunk(String id, byte[] data, int offset, int length) throws IOException;
}
