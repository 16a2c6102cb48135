package org.deskplane.print.raster.internal;

import java.io.IOException;

import org.deskplane.print.convert.ConversionException;

/**
 * Expands the compressed lines of one page (PWG 5102.4 section 4.3.1): a line-repeat byte (the line occurs n + 1
 * times), then runs up to the end of the line — a byte 0-127 repeats the next pixel n + 1 times, 129-255 is followed
 * by 257 - n literal pixels, 128 fills the rest of the line with white. A run that crosses the end of the line is an
 * error (CUPS clips it; a raster that does it is broken, and printing a guess is worse than saying so).
 */
final class RasterLineDecoder {
    private final PageHeader header;
    private final int unit;
    private final byte[] line;
    private int repeatsLeft;

    RasterLineDecoder(PageHeader header) {
        this.header = header;
        this.unit = header.unit();
        this.line = new byte[header.bytesPerLine()];
    }

    /** Decodes the next line (or repeats the previous one) and returns the line buffer, valid until the next call. */
    byte[] next(RasterInput in, int lineNumber, int page) throws IOException, ConversionException {
        if (repeatsLeft > 0) {
            repeatsLeft--;
            return line;
        }
        String where = "page " + page + ", line " + lineNumber;
        repeatsLeft = in.require(where);
        int filled = 0;
        while (filled < line.length) {
            int control = in.require(where);
            if (control == 128) {
                java.util.Arrays.fill(line, filled, line.length, header.blank());
                filled = line.length;
            } else if (control < 128) {
                int bytes = (control + 1) * unit;
                check(filled, bytes, where);
                in.readFully(line, filled, unit, where);
                for (int i = unit; i < bytes; i++) {
                    line[filled + i] = line[filled + i - unit];
                }
                filled += bytes;
            } else {
                int bytes = (257 - control) * unit;
                check(filled, bytes, where);
                in.readFully(line, filled, bytes, where);
                filled += bytes;
            }
        }
        return line;
    }

    /** Lines this decoder will still produce from the last line read without reading anything. */
    int repeatsLeft() {
        return repeatsLeft;
    }

    private void check(int filled, int bytes, String where) throws ConversionException {
        if (filled + bytes > line.length) {
            throw new ConversionException(where + ": a run of " + bytes / unit + " pixels crosses the end of the line ("
                    + (line.length - filled) / unit + " pixels left)");
        }
    }
}
