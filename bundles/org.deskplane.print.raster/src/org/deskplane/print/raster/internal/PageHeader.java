package org.deskplane.print.raster.internal;

import java.nio.ByteBuffer;

import org.deskplane.print.convert.ConversionException;

/**
 * The fields of a PWG Raster page header (PWG 5102.4 section 4.3, 1796 bytes, big-endian) that the conversion needs,
 * checked: a header that the converter cannot render exactly, or that exceeds the limits, is refused here.
 *
 * @param width pixels per line
 * @param height lines
 * @param xDpi horizontal resolution (dots per inch)
 * @param yDpi vertical resolution
 * @param bitsPerColor 1, 8 or 16
 * @param colors components per pixel (1, 3 or 4)
 * @param bytesPerLine bytes of one uncompressed line
 * @param colorSpace the PWG colour space number
 */
record PageHeader(int width, int height, int xDpi, int yDpi, int bitsPerColor, int colors, int bytesPerLine,
        int colorSpace) {

    static final int SIZE = 1796;
    static final int RGB = 1;
    static final int BLACK = 3;
    static final int CMYK = 6;
    static final int SGRAY = 18;
    static final int SRGB = 19;
    static final int ADOBE_RGB = 20;
    static final int MAX_DPI = 9600;

    /** Bytes of one pixel as the line compression counts them (a byte for 1-bit pixels). */
    int unit() {
        return (bitsPerColor * colors + 7) / 8;
    }

    /** Whether a sample value of 0 means ink (black) rather than no ink. */
    boolean additive() {
        return colorSpace == SGRAY || colorSpace == RGB || colorSpace == SRGB;
    }

    /** The value a "clear to end of line" run fills with: white. */
    byte blank() {
        return additive() ? (byte) 0xFF : 0;
    }

    String pdfColorSpace() {
        return switch (colors) {
            case 1 -> "/DeviceGray";
            case 3 -> "/DeviceRGB";
            default -> "/DeviceCMYK";
        };
    }

    /** Black samples count ink, PDF's DeviceGray counts light: invert them with the image's decode array. */
    boolean inverted() {
        return colorSpace == BLACK;
    }

    /** Page width in PDF points (1/72 inch). */
    double widthPoints() {
        return width * 72.0 / xDpi;
    }

    double heightPoints() {
        return height * 72.0 / yDpi;
    }

    static PageHeader parse(byte[] raw, int page, RasterLimits limits) throws ConversionException {
        ByteBuffer b = ByteBuffer.wrap(raw); // big-endian
        int xDpi = b.getInt(276);
        int yDpi = b.getInt(280);
        int width = b.getInt(372);
        int height = b.getInt(376);
        int bitsPerColor = b.getInt(384);
        int bitsPerPixel = b.getInt(388);
        int bytesPerLine = b.getInt(392);
        int colorOrder = b.getInt(396);
        int colorSpace = b.getInt(400);
        int numColors = b.getInt(420);
        String where = "page " + page + ": ";
        if (xDpi < 1 || yDpi < 1 || xDpi > MAX_DPI || yDpi > MAX_DPI) {
            throw new ConversionException(where + "resolution " + u(xDpi) + "x" + u(yDpi) + " dpi is not within 1-"
                    + MAX_DPI);
        }
        if (width < 1 || width > limits.maxWidth() || height < 1 || height > limits.maxHeight()) {
            throw new ConversionException(where + "size " + u(width) + "x" + u(height) + " pixels is not within 1x1-"
                    + limits.maxWidth() + "x" + limits.maxHeight());
        }
        if ((long) width * height > limits.maxPixelsPerPage()) {
            throw new ConversionException(where + (long) width * height + " pixels exceed the limit of "
                    + limits.maxPixelsPerPage() + " per page");
        }
        if (colorOrder != 0) {
            throw new ConversionException(where + "colour order " + u(colorOrder)
                    + " is not supported (PWG Raster is chunky, order 0)");
        }
        int colors = switch (colorSpace) {
            case BLACK, SGRAY -> 1;
            case RGB, SRGB -> 3;
            case CMYK -> 4;
            case ADOBE_RGB -> throw new ConversionException(where
                    + "AdobeRGB raster is not supported (send sRGB or sGray)");
            default -> throw new ConversionException(where + "colour space " + u(colorSpace)
                    + " is not supported (Black, sGray, RGB, sRGB and CMYK are)");
        };
        if (numColors != 0 && numColors != colors) {
            throw new ConversionException(where + "colour space " + colorSpace + " has " + colors
                    + " colours, the header says " + u(numColors));
        }
        boolean bitsOk = bitsPerColor == 8 || bitsPerColor == 16 || bitsPerColor == 1 && colorSpace == BLACK;
        if (!bitsOk) {
            throw new ConversionException(where + u(bitsPerColor) + " bits per colour are not supported for colour space "
                    + colorSpace + " (8 and 16 are, and 1 for Black)");
        }
        if (bitsPerPixel != bitsPerColor * colors) {
            throw new ConversionException(where + "bits per pixel " + u(bitsPerPixel) + " do not match " + colors
                    + " colours of " + bitsPerColor + " bits");
        }
        long expectedLine = ((long) width * bitsPerPixel + 7) / 8;
        if (bytesPerLine != expectedLine) {
            throw new ConversionException(where + "bytes per line " + u(bytesPerLine) + " do not match width " + width
                    + " at " + bitsPerPixel + " bits per pixel (" + expectedLine + ")");
        }
        return new PageHeader(width, height, xDpi, yDpi, bitsPerColor, colors, bytesPerLine, colorSpace);
    }

    /** Header fields are unsigned: show a negative int as the value the file holds. */
    private static String u(int value) {
        return Integer.toUnsignedString(value);
    }
}
