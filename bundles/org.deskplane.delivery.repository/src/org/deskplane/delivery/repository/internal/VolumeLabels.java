package org.deskplane.delivery.repository.internal;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The ISO volume label of a payload: {@code DP_} and 13 base32 (extended hex) characters of the SHA-256 of its
 * completed manifest. The manifest lists every file's digest, so different content gives a different label, and the
 * guest can tell two payloads' discs apart by label alone. 16 characters: what Joliet keeps.
 */
final class VolumeLabels {

    private static final String ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUV";
    private static final int CHARS = 13;

    private VolumeLabels() {
    }

    static String of(byte[] completedManifest) {
        byte[] digest = sha256(completedManifest);
        StringBuilder label = new StringBuilder("DP_");
        for (int i = 0; i < CHARS; i++) {
            label.append(ALPHABET.charAt(bits(digest, i * 5)));
        }
        return label.toString();
    }

    /** The 5 bits of {@code digest} starting at bit {@code offset} (most significant first). */
    private static int bits(byte[] digest, int offset) {
        int value = 0;
        for (int b = 0; b < 5; b++) {
            int bit = offset + b;
            value = (value << 1) | ((digest[bit / 8] >> (7 - bit % 8)) & 1);
        }
        return value;
    }

    static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}
