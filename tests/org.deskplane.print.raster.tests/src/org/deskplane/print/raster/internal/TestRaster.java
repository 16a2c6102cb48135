package org.deskplane.print.raster.internal;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A small PWG Raster writer for tests, independent of the converter: it compresses lines with every construct the
 * format has (line repeats, pixel repeats, literal runs, and "clear to end of line" for trailing white), so decoding
 * them all is exercised.
 */
final class TestRaster {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    TestRaster() {
        out.writeBytes("RaS2".getBytes(StandardCharsets.US_ASCII));
    }

    static byte[] header(int width, int height, int dpi, int colorSpace, int bitsPerColor, int colors) {
        ByteBuffer b = ByteBuffer.allocate(PageHeader.SIZE);
        b.put("PwgRaster".getBytes(StandardCharsets.US_ASCII));
        b.putInt(276, dpi).putInt(280, dpi);
        b.putInt(352, (int) Math.round(width * 72.0 / dpi)).putInt(356, (int) Math.round(height * 72.0 / dpi));
        b.putInt(372, width).putInt(376, height);
        b.putInt(384, bitsPerColor).putInt(388, bitsPerColor * colors);
        b.putInt(392, (width * bitsPerColor * colors + 7) / 8);
        b.putInt(400, colorSpace).putInt(420, colors);
        return b.array();
    }

    /** Adds a page whose lines are given uncompressed ({@code lines[y]}, bytesPerLine each). */
    TestRaster page(byte[] header, byte[][] lines) {
        out.writeBytes(header);
        int bits = ByteBuffer.wrap(header).getInt(388);
        int unit = (bits + 7) / 8;
        int space = ByteBuffer.wrap(header).getInt(400);
        byte blank = space == PageHeader.SGRAY || space == PageHeader.SRGB || space == PageHeader.RGB ? (byte) 0xFF : 0;
        int y = 0;
        while (y < lines.length) {
            int repeat = 0;
            while (y + repeat + 1 < lines.length && repeat < 255 && Arrays.equals(lines[y], lines[y + repeat + 1])) {
                repeat++;
            }
            out.write(repeat);
            compress(lines[y], unit, blank);
            y += repeat + 1;
        }
        return this;
    }

    byte[] bytes() {
        return out.toByteArray();
    }

    private void compress(byte[] line, int unit, byte blank) {
        int pixels = line.length / unit;
        int end = pixels; // trailing white pixels become one "clear to end of line"
        while (end > 0 && isBlank(line, end - 1, unit, blank)) {
            end--;
        }
        int x = 0;
        while (x < end) {
            int run = 1;
            while (x + run < end && run < 128 && samePixel(line, x, x + run, unit)) {
                run++;
            }
            if (run > 1) {
                out.write(run - 1);
                out.write(line, x * unit, unit);
                x += run;
                continue;
            }
            int literal = 1;
            while (x + literal < end && literal < 127 && !(x + literal + 1 < end
                    && samePixel(line, x + literal, x + literal + 1, unit))) {
                literal++;
            }
            out.write(257 - literal);
            out.write(line, x * unit, literal * unit);
            x += literal;
        }
        if (end < pixels) {
            out.write(128);
        }
    }

    private static boolean samePixel(byte[] line, int a, int b, int unit) {
        return Arrays.equals(line, a * unit, a * unit + unit, line, b * unit, b * unit + unit);
    }

    private static boolean isBlank(byte[] line, int x, int unit, byte blank) {
        for (int i = 0; i < unit; i++) {
            if (line[x * unit + i] != blank) {
                return false;
            }
        }
        return true;
    }
}
