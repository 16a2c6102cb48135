package org.deskplane.print.raster.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

import org.deskplane.print.convert.ConversionException;
import org.deskplane.print.convert.DocumentConverter.Conversion;

/** One conversion: sync word, then page after page (header, lines) until the document ends, each page written out. */
final class PwgRasterToPdf {
    private static final byte[] SYNC = "RaS2".getBytes(StandardCharsets.US_ASCII);

    private final RasterLimits limits;

    PwgRasterToPdf(RasterLimits limits) {
        this.limits = limits;
    }

    Conversion convert(InputStream source, OutputStream target) throws IOException, ConversionException {
        RasterInput in = new RasterInput(source);
        byte[] sync = new byte[4];
        if (!in.readFullyOrEnd(sync, 0, 4, "the sync word")) {
            throw new ConversionException("the raster is empty");
        }
        if (!java.util.Arrays.equals(sync, SYNC)) {
            throw new ConversionException("not a PWG Raster document: it starts with "
                    + java.util.HexFormat.of().formatHex(sync) + ", not \"RaS2\"");
        }
        PdfImageWriter pdf = new PdfImageWriter(target);
        byte[] raw = new byte[PageHeader.SIZE];
        int page = 0;
        while (in.readFullyOrEnd(raw, 0, raw.length, "the header of page " + (page + 1))) {
            page++;
            if (page > limits.maxPages()) {
                throw new ConversionException("the raster has more than " + limits.maxPages() + " pages");
            }
            PageHeader header = PageHeader.parse(raw, page, limits);
            RasterLineDecoder lines = new RasterLineDecoder(header);
            pdf.beginPage(header);
            for (int y = 0; y < header.height(); y++) {
                pdf.line(lines.next(in, y + 1, page));
            }
            if (lines.repeatsLeft() > 0) {
                throw new ConversionException("page " + page + ": the last line repeats " + lines.repeatsLeft()
                        + " times past the end of the page");
            }
            pdf.endPage();
        }
        if (page == 0) {
            throw new ConversionException("the raster has no pages");
        }
        return new Conversion(page, pdf.finish());
    }
}
