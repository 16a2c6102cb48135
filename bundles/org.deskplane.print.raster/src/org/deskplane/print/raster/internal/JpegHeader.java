package org.deskplane.print.raster.internal;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import org.deskplane.print.convert.ConversionException;

/**
 * What a PDF needs to know of a JPEG, read from its markers up to the frame header (SOF): size, components, the
 * JFIF resolution and whether Adobe's APP14 marker says the CMYK samples are stored inverted. The bytes read are
 * kept ({@link #prefix}) because the JPEG goes into the PDF unchanged. Reading is bounded: at most
 * {@code maxHeaderBytes} before the frame header.
 *
 * @param prefix the JPEG's bytes from its start up to and including the frame header
 */
record JpegHeader(int width, int height, int components, double dpiX, double dpiY, boolean adobe, byte[] prefix) {
    /** Pixels per inch when the JPEG does not say (no JFIF density): one pixel to one PDF point. */
    static final double DEFAULT_DPI = 72;

    static JpegHeader read(InputStream in, int maxHeaderBytes) throws IOException, ConversionException {
        Reader r = new Reader(in, maxHeaderBytes);
        byte[] soi = in.readNBytes(2);
        if (soi.length < 2 || (soi[0] & 0xFF) != 0xFF || (soi[1] & 0xFF) != 0xD8) {
            throw new ConversionException("not a JPEG: it does not start with the SOI marker FFD8");
        }
        r.kept.write(soi);
        r.count = 2;
        double dpiX = DEFAULT_DPI;
        double dpiY = DEFAULT_DPI;
        boolean adobe = false;
        while (true) {
            int b = r.u8();
            if (b != 0xFF) {
                throw new ConversionException("corrupt JPEG: expected a marker at byte " + (r.count - 1)
                        + ", found " + String.format("%02x", b));
            }
            int marker;
            do { // any number of FF fill bytes may precede a marker
                marker = r.u8();
            } while (marker == 0xFF);
            if (marker == 0x01 || marker >= 0xD0 && marker <= 0xD7) {
                continue; // TEM and RSTn stand alone
            }
            if (marker == 0xD9 || marker == 0xDA) {
                throw new ConversionException("corrupt JPEG: " + (marker == 0xDA ? "image data" : "the end")
                        + " before a frame header (SOF)");
            }
            int length = r.u16();
            if (length < 2) {
                throw new ConversionException("corrupt JPEG: marker " + String.format("%02X", marker)
                        + " has segment length " + length);
            }
            byte[] segment = r.bytes(length - 2);
            if (isFrame(marker)) {
                return frame(marker, segment, dpiX, dpiY, adobe, r.kept.toByteArray());
            }
            if (marker == 0xE0 && starts(segment, "JFIF\0") && segment.length >= 12) {
                int units = segment[7] & 0xFF;
                int x = ((segment[8] & 0xFF) << 8) | (segment[9] & 0xFF);
                int y = ((segment[10] & 0xFF) << 8) | (segment[11] & 0xFF);
                if ((units == 1 || units == 2) && x > 0 && y > 0) {
                    double perInch = units == 1 ? 1 : 2.54;
                    dpiX = x * perInch;
                    dpiY = y * perInch;
                }
            } else if (marker == 0xEE && starts(segment, "Adobe")) {
                adobe = true;
            }
        }
    }

    private static boolean isFrame(int marker) {
        return marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
    }

    private static JpegHeader frame(int marker, byte[] sof, double dpiX, double dpiY, boolean adobe, byte[] prefix)
            throws ConversionException {
        if (marker != 0xC0 && marker != 0xC1 && marker != 0xC2) {
            // lossless and arithmetic-coded JPEGs are not something PDF's DCTDecode promises to read
            throw new ConversionException("JPEG coding " + String.format("SOF%d", marker - 0xC0)
                    + " is not supported: only baseline, extended and progressive Huffman JPEGs");
        }
        if (sof.length < 6) {
            throw new ConversionException("corrupt JPEG: frame header of " + sof.length + " bytes");
        }
        int precision = sof[0] & 0xFF;
        int height = ((sof[1] & 0xFF) << 8) | (sof[2] & 0xFF);
        int width = ((sof[3] & 0xFF) << 8) | (sof[4] & 0xFF);
        int components = sof[5] & 0xFF;
        if (precision != 8) {
            throw new ConversionException("JPEG with " + precision + "-bit samples is not supported: only 8-bit");
        }
        if (width == 0 || height == 0) {
            throw new ConversionException("JPEG without a width or height in its frame header (" + width + "x"
                    + height + ")");
        }
        if (components != 1 && components != 3 && components != 4) {
            throw new ConversionException("JPEG with " + components + " components is not supported: 1 (gray), "
                    + "3 (RGB) or 4 (CMYK)");
        }
        if (sof.length < 6 + 3 * components) {
            throw new ConversionException("corrupt JPEG: frame header too short for " + components + " components");
        }
        return new JpegHeader(width, height, components, dpiX, dpiY, adobe, prefix);
    }

    private static boolean starts(byte[] segment, String id) {
        byte[] b = id.getBytes(StandardCharsets.ISO_8859_1);
        if (segment.length < b.length) {
            return false;
        }
        for (int i = 0; i < b.length; i++) {
            if (segment[i] != b[i]) {
                return false;
            }
        }
        return true;
    }

    /** Reads and keeps bytes, refusing more than the bound. */
    private static final class Reader {
        final InputStream in;
        final int max;
        final ByteArrayOutputStream kept = new ByteArrayOutputStream();
        int count;

        Reader(InputStream in, int max) {
            this.in = in;
            this.max = max;
        }

        int u8() throws IOException, ConversionException {
            need(1);
            int b = in.read();
            if (b < 0) {
                throw truncated();
            }
            kept.write(b);
            count++;
            return b;
        }

        int u16() throws IOException, ConversionException {
            return (u8() << 8) | u8();
        }

        byte[] bytes(int n) throws IOException, ConversionException {
            need(n);
            byte[] b = in.readNBytes(n);
            if (b.length < n) {
                throw truncated();
            }
            kept.write(b);
            count += n;
            return b;
        }

        private void need(int n) throws ConversionException {
            if ((long) count + n > max) {
                throw new ConversionException("JPEG has more than " + max + " bytes of markers before its frame header");
            }
        }

        private ConversionException truncated() {
            return new ConversionException("corrupt JPEG: it ends after " + count + " bytes, before its frame header",
                    new EOFException());
        }
    }

    double widthPoints() {
        return width / dpiX * 72;
    }

    double heightPoints() {
        return height / dpiY * 72;
    }
}
