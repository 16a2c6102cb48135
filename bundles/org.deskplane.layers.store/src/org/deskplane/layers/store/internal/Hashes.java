package org.deskplane.layers.store.internal;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 ids: making them, and telling a well-formed one (64 lower-case hex digits) from anything else. */
final class Hashes {

    private static final HexFormat HEX = HexFormat.of();

    private Hashes() {
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks SHA-256", e);
        }
    }

    static String sha256Hex(byte[] data, int length) {
        MessageDigest digest = sha256();
        digest.update(data, 0, length);
        return HEX.formatHex(digest.digest());
    }

    static String hex(byte[] bytes) {
        return HEX.formatHex(bytes);
    }

    static byte[] unhex(String id) {
        return HEX.parseHex(id);
    }

    static boolean validId(String id) {
        if (id == null || id.length() != 64) {
            return false;
        }
        for (int i = 0; i < 64; i++) {
            char c = id.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
                return false;
            }
        }
        return true;
    }
}
