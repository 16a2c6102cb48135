package org.deskplane.print.api;

import java.util.List;
import java.util.Objects;

/**
 * What a printer can do. Values are IPP keywords so nothing is lost between a guest's IPP client, the
 * router and an IPP backend: media are PWG 5101.1 self-describing names ({@code iso_a4_210x297mm}), sides
 * {@code one-sided | two-sided-long-edge | two-sided-short-edge}, color modes {@code auto | color | monochrome}…
 *
 * @param documentFormats MIME types accepted ({@code application/pdf}, {@code image/pwg-raster}…)
 * @param media supported media; {@code defaultMedia} one of them or "" if unknown
 * @param sides supported sides keywords
 * @param colorModes supported print-color-mode keywords
 * @param minCopies lowest copies value, at least 1
 * @param maxCopies highest copies value
 * @param resolutions supported resolutions
 */
public record PrinterCapabilities(List<String> documentFormats, List<String> media, String defaultMedia,
        List<String> sides, List<String> colorModes, int minCopies, int maxCopies, List<Resolution> resolutions) {

    public PrinterCapabilities {
        documentFormats = List.copyOf(documentFormats);
        media = List.copyOf(media);
        defaultMedia = defaultMedia == null ? "" : defaultMedia;
        sides = List.copyOf(sides);
        colorModes = List.copyOf(colorModes);
        if (minCopies < 1 || maxCopies < minCopies) {
            throw new IllegalArgumentException("copies range " + minCopies + "-" + maxCopies);
        }
        resolutions = List.copyOf(resolutions);
    }

    /** @return whether {@code mimeType} is among the accepted document formats (or they accept any). */
    public boolean accepts(String mimeType) {
        Objects.requireNonNull(mimeType, "mimeType");
        return documentFormats.contains(mimeType) || documentFormats.contains("application/octet-stream");
    }

    /**
     * A printer resolution.
     *
     * @param crossFeed dots across the paper feed
     * @param feed dots along the paper feed
     * @param perInch {@code true} for dots per inch, {@code false} for dots per centimetre
     */
    public record Resolution(int crossFeed, int feed, boolean perInch) {
        public Resolution {
            if (crossFeed <= 0 || feed <= 0) {
                throw new IllegalArgumentException("resolution must be positive");
            }
        }
    }
}
