package org.deskplane.security.internal;

import java.security.SecureRandom;
import java.util.Base64;

/** Random passwords and tokens from one {@link SecureRandom}. */
final class RandomSecrets {

    /** URL-safe, and without look-alikes being a problem for copy-and-paste. */
    private static final char[] PASSWORD_ALPHABET =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".toCharArray();
    static final int INITIAL_PASSWORD_LENGTH = 24;
    private static final int TOKEN_BYTES = 32;

    private final SecureRandom random;

    RandomSecrets(SecureRandom random) {
        this.random = random;
    }

    char[] password(int length) {
        char[] password = new char[length];
        for (int i = 0; i < length; i++) {
            password[i] = PASSWORD_ALPHABET[random.nextInt(PASSWORD_ALPHABET.length)];
        }
        return password;
    }

    /** 32 random bytes as base64url without padding (43 characters). */
    String token() {
        byte[] bytes = new byte[TOKEN_BYTES];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
