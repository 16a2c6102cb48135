package org.deskplane.print.api;

import java.util.List;

/**
 * The options of a job; {@code null} (or empty) means "the printer's default".
 *
 * @param copies 1 or more, {@code null} for the default
 * @param media a media keyword, see {@link PrinterCapabilities}
 * @param sides a sides keyword
 * @param colorMode a print-color-mode keyword
 * @param pageRanges pages to print, in order, empty for all
 * @param hold keep the job held at the printer until it is released or cancelled (a driver that cannot
 *        hold jobs refuses the request with {@link PrintException.Kind#UNSUPPORTED})
 */
public record PrintOptions(Integer copies, String media, String sides, String colorMode, List<PageRange> pageRanges,
        boolean hold) {

    public static final PrintOptions DEFAULTS = new PrintOptions(null, null, null, null, List.of(), false);

    public PrintOptions {
        if (copies != null && copies < 1) {
            throw new IllegalArgumentException("copies must be at least 1: " + copies);
        }
        pageRanges = pageRanges == null ? List.of() : List.copyOf(pageRanges);
    }

    public PrintOptions withCopies(Integer value) {
        return new PrintOptions(value, media, sides, colorMode, pageRanges, hold);
    }

    public PrintOptions withMedia(String value) {
        return new PrintOptions(copies, value, sides, colorMode, pageRanges, hold);
    }

    public PrintOptions withSides(String value) {
        return new PrintOptions(copies, media, value, colorMode, pageRanges, hold);
    }

    public PrintOptions withColorMode(String value) {
        return new PrintOptions(copies, media, sides, value, pageRanges, hold);
    }

    public PrintOptions withPageRanges(List<PageRange> value) {
        return new PrintOptions(copies, media, sides, colorMode, value, hold);
    }

    public PrintOptions withHold(boolean value) {
        return new PrintOptions(copies, media, sides, colorMode, pageRanges, value);
    }

    /** Pages {@code first} to {@code last}, both included, counted from 1. */
    public record PageRange(int first, int last) {
        public PageRange {
            if (first < 1 || last < first) {
                throw new IllegalArgumentException("page range " + first + "-" + last);
            }
        }
    }
}
