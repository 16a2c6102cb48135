package org.deskplane.security.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.util.Base64;

import org.junit.jupiter.api.Test;

class PasswordHasherTest {

    private final PasswordHasher hasher = new PasswordHasher(new SecureRandom(), 1_000);

    @Test
    void rightPasswordMatchesWrongDoesNot() {
        PasswordHash stored = hasher.hash("correct horse battery".toCharArray());
        assertTrue(hasher.matches("correct horse battery".toCharArray(), stored));
        assertFalse(hasher.matches("correct horse batterY".toCharArray(), stored));
        assertFalse(hasher.matches("".toCharArray(), stored));
    }

    @Test
    void storesAlgorithmIterationsAndARandomSixteenByteSalt() {
        PasswordHash first = hasher.hash("same password".toCharArray());
        PasswordHash second = hasher.hash("same password".toCharArray());
        assertEquals("PBKDF2WithHmacSHA256", first.algorithm());
        assertEquals(1_000, first.iterations());
        assertEquals(16, Base64.getDecoder().decode(first.salt()).length);
        assertEquals(32, Base64.getDecoder().decode(first.hash()).length);
        assertNotEquals(first.salt(), second.salt());
        assertNotEquals(first.hash(), second.hash());
    }

    @Test
    void checksWithTheIterationCountStoredWithTheHash() {
        PasswordHash old = hasher.hash("an older password".toCharArray());
        PasswordHasher stronger = new PasswordHasher(new SecureRandom(), 2_000);
        assertTrue(stronger.matches("an older password".toCharArray(), old));
        assertTrue(stronger.needsRehash(old));
        assertFalse(hasher.needsRehash(old));
    }

    @Test
    void defaultWorkFactorIsAroundOneHundredTwentyThousand() {
        assertEquals(120_000, PasswordHasher.DEFAULT_ITERATIONS);
        PasswordHash stored = new PasswordHasher(new SecureRandom(), PasswordHasher.DEFAULT_ITERATIONS)
                .hash("production strength".toCharArray());
        assertEquals(120_000, stored.iterations());
    }

    @Test
    void unknownAlgorithmNeverMatches() {
        PasswordHash stored = hasher.hash("some password".toCharArray());
        PasswordHash other = new PasswordHash("MD5", stored.iterations(), stored.salt(), stored.hash());
        assertFalse(hasher.matches("some password".toCharArray(), other));
    }
}
