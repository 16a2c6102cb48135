package org.deskplane.vmdiff.store.internal;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 in the forms this bundle uses. */
public final class Hashes {
    private static final HexFormat HEX = HexFormat.of();

    private Hashes() {
    }

    public static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }

    /** The hash of the buffer's remaining bytes; leaves its position unchanged. */
    public static byte[] of(ByteBuffer data) {
        MessageDigest digest = sha256();
        digest.update(data.duplicate());
        return digest.digest();
    }

    public static byte[] of(byte[] data) {
        return sha256().digest(data);
    }

    public static String hex(byte[] hash) {
        return HEX.formatHex(hash);
    }
}
