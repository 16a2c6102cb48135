package org.deskplane.print.convert;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Converts documents of one format into another, streaming: the source is read once, front to back, and the target
 * written as it is produced, never holding a whole document in memory.
 */
@ProviderType
public interface DocumentConverter {

    /** Service property: the MIME type this converter reads, e.g. {@code image/pwg-raster}. */
    String SOURCE_FORMAT = "convert.from";
    /** Service property: the MIME type this converter writes, e.g. {@code application/pdf}. */
    String TARGET_FORMAT = "convert.to";

    /** @return the MIME type read (the same as the service property {@link #SOURCE_FORMAT}) */
    String sourceFormat();

    /** @return the MIME type written (the same as the service property {@link #TARGET_FORMAT}) */
    String targetFormat();

    /**
     * Converts one document. On failure the target holds a partial document, which the caller discards.
     *
     * @param source the document, read to its end (not closed)
     * @param target where the converted document is written (flushed, not closed)
     * @return what was converted
     * @throws ConversionException the document is malformed, too large, or uses something this converter refuses;
     *             the message says which
     * @throws IOException reading or writing failed
     */
    Conversion convert(InputStream source, OutputStream target) throws ConversionException, IOException;

    /**
     * The result of one conversion.
     *
     * @param pages pages written
     * @param bytesWritten bytes of the target document
     */
    record Conversion(int pages, long bytesWritten) {
    }
}
