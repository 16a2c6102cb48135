package org.deskplane.security.internal;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/** PBKDF2-HMAC-SHA256 with a random 16-byte salt per password. */
final class PasswordHasher {

    static final String ALGORITHM = "PBKDF2WithHmacSHA256";
    /** Roughly 0.1 s per hash on a server core: slow for guessing, fine for a login. */
    static final int DEFAULT_ITERATIONS = 120_000;
    private static final int SALT_BYTES = 16;
    private static final int KEY_BITS = 256;

    private final SecureRandom random;
    private final int iterations;

    PasswordHasher(SecureRandom random, int iterations) {
        if (iterations < 1) {
            throw new IllegalArgumentException("iterations must be positive");
        }
        this.random = random;
        this.iterations = iterations;
    }

    int iterations() {
        return iterations;
    }

    PasswordHash hash(char[] password) {
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        byte[] key = derive(password, salt, iterations);
        Base64.Encoder b64 = Base64.getEncoder();
        return new PasswordHash(ALGORITHM, iterations, b64.encodeToString(salt), b64.encodeToString(key));
    }

    /** Compares in constant time with respect to the content of the keys. */
    boolean matches(char[] password, PasswordHash stored) {
        if (!ALGORITHM.equals(stored.algorithm()) || stored.iterations() < 1) {
            return false;
        }
        Base64.Decoder b64 = Base64.getDecoder();
        byte[] expected = b64.decode(stored.hash());
        byte[] actual = derive(password, b64.decode(stored.salt()), stored.iterations());
        return MessageDigest.isEqual(expected, actual);
    }

    /** True when the stored hash is weaker than what this hasher would produce now. */
    boolean needsRehash(PasswordHash stored) {
        return !ALGORITHM.equals(stored.algorithm()) || stored.iterations() < iterations;
    }

    /** Burns the same time as a real check: unknown user names must not answer faster than known ones. */
    void simulateCheck(char[] password) {
        derive(password, new byte[SALT_BYTES], iterations);
    }

    private static byte[] derive(char[] password, byte[] salt, int iterations) {
        PBEKeySpec spec = new PBEKeySpec(password, salt, iterations, KEY_BITS);
        try {
            return SecretKeyFactory.getInstance(ALGORITHM).generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(ALGORITHM + " is not available in this Java runtime", e);
        } finally {
            spec.clearPassword();
        }
    }

    static void wipe(char[] secret) {
        if (secret != null) {
            Arrays.fill(secret, '\0');
        }
    }
}
