package org.deskplane.delivery.api;

import java.util.Locale;
import java.util.Objects;

/**
 * One file of a payload.
 *
 * @param path   relative, '/'-separated, never {@code ..} or absolute (checked by {@link PayloadManifest#checkRelative})
 * @param size   bytes
 * @param sha256 lower-case hex digest the guest checks before it runs anything
 */
public record PayloadFile(String path, long size, String sha256) {

    public PayloadFile {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(sha256, "sha256");
        sha256 = sha256.toLowerCase(Locale.ROOT);
        if (!sha256.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("not a SHA-256 digest: " + sha256);
        }
        if (size < 0) {
            throw new IllegalArgumentException("negative size for " + path);
        }
    }
}
