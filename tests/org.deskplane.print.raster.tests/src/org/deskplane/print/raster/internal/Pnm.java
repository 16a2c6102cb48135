package org.deskplane.print.raster.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A binary PGM (P5) or PPM (P6) image with 8-bit samples, as pdftoppm and Ghostscript write them. */
record Pnm(int width, int height, int channels, byte[] samples) {

    static Pnm read(Path file) throws IOException {
        byte[] data = Files.readAllBytes(file);
        int[] pos = {0};
        String magic = token(data, pos);
        int width = Integer.parseInt(token(data, pos));
        int height = Integer.parseInt(token(data, pos));
        int max = Integer.parseInt(token(data, pos));
        if (max != 255) {
            throw new IOException("only 8-bit PNM is read here, not maxval " + max);
        }
        int channels = switch (magic) {
            case "P5" -> 1;
            case "P6" -> 3;
            default -> throw new IOException("not a binary PGM/PPM: " + magic);
        };
        int start = pos[0] + 1; // one whitespace byte after maxval
        byte[] samples = java.util.Arrays.copyOfRange(data, start, start + width * height * channels);
        return new Pnm(width, height, channels, samples);
    }

    int sample(int x, int y, int channel) {
        return samples[(y * width + x) * channels + channel] & 0xFF;
    }

    private static String token(byte[] data, int[] pos) {
        while (Character.isWhitespace(data[pos[0]]) || data[pos[0]] == '#') {
            if (data[pos[0]] == '#') {
                while (data[pos[0]] != '\n') {
                    pos[0]++;
                }
            }
            pos[0]++;
        }
        int start = pos[0];
        while (!Character.isWhitespace(data[pos[0]])) {
            pos[0]++;
        }
        return new String(data, start, pos[0] - start, java.nio.charset.StandardCharsets.US_ASCII);
    }
}
