package org.deskplane.vmdiff.api;

/**
 * A shared, read-only base image, named by the SHA-256 of its bytes. It travels in blocks of {@link #BLOCK} bytes,
 * each with its own SHA-256, so a transfer can be checked as it goes and resumed where it stopped.
 */
public record BaseImage(String sha256, String format, long size) {
    public static final int BLOCK = 4 << 20;

    public int blocks() {
        return (int) ((size + BLOCK - 1) / BLOCK);
    }
}
