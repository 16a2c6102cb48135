package org.deskplane.security.internal;

/**
 * A stored password: the algorithm, its work factor and salt, and the derived key (both Base64). The
 * iteration count is kept per user so the default can be raised without invalidating old hashes.
 */
public record PasswordHash(String algorithm, int iterations, String salt, String hash) {
}
