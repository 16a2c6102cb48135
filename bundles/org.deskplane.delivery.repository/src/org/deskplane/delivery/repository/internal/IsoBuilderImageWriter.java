package org.deskplane.delivery.repository.internal;

import java.io.IOException;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Path;
import java.time.Instant;
import java.util.function.LongConsumer;

import org.deskplane.delivery.iso.IsoImageBuilder;

/** Images made by Deskplane's own ISO 9660 builder (Rock Ridge + Joliet, deterministic for content and timestamp). */
final class IsoBuilderImageWriter implements ImageWriter {

    @Override
    public void write(String label, Instant timestamp, Path tree, WritableByteChannel out, LongConsumer progress) throws IOException {
        IsoImageBuilder.create(label).timestamp(timestamp).addTree(tree).writeTo(out, (bytes, total) -> progress.accept(bytes));
    }
}
