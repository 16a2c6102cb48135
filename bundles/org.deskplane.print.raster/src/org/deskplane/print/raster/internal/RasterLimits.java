package org.deskplane.print.raster.internal;

/**
 * What one conversion may cost at most: a document's header values are checked against these before anything is
 * allocated or decoded, which bounds memory (one line) and time (pixels per page × pages).
 */
record RasterLimits(int maxWidth, int maxHeight, long maxPixelsPerPage, int maxPages) {

    /** 600 dpi A3 in 16-bit colour fits; a header asking for more is refused. */
    static final RasterLimits DEFAULT = new RasterLimits(20_000, 30_000, 150_000_000L, 10_000);

    RasterLimits {
        if (maxWidth < 1 || maxHeight < 1 || maxPixelsPerPage < 1 || maxPages < 1) {
            throw new IllegalArgumentException("raster limits must be positive");
        }
    }
}
