package org.deskplane.delivery.repository.internal;

import java.io.IOException;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Path;
import java.time.Instant;
import java.util.function.LongConsumer;

/** Writes the ISO 9660 image of a folder: the seam between the repository and the image builder. */
interface ImageWriter {

    /**
     * Writes the image of {@code tree} with volume label {@code label}, every time in it {@code timestamp}, to
     * {@code out}; {@code progress} hears the bytes written so far.
     */
    void write(String label, Instant timestamp, Path tree, WritableByteChannel out, LongConsumer progress) throws IOException;
}
