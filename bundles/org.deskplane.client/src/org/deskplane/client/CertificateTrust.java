package org.deskplane.client;

import java.util.Locale;
import java.util.Objects;

/**
 * Which server certificate a connection accepts. Deskplane servers usually run with a self-signed
 * certificate, so the usual choice is {@link #pinned(String)}: trust exactly the certificate whose
 * SHA-256 fingerprint the user checked (trust on first use), and nothing else.
 */
public final class CertificateTrust {

    /** How the certificate is checked. */
    public enum Mode {
        /** the JVM's default trust store (CA-signed certificates), with host name check */
        SYSTEM,
        /** exactly one certificate, by SHA-256 fingerprint; the host name is not checked */
        PINNED,
        /** any certificate, but only for loopback addresses: for tests, never for real servers */
        INSECURE_LOOPBACK_ONLY
    }

    private final Mode mode;
    private final String fingerprint;

    private CertificateTrust(Mode mode, String fingerprint) {
        this.mode = mode;
        this.fingerprint = fingerprint;
    }

    public static CertificateTrust system() {
        return new CertificateTrust(Mode.SYSTEM, null);
    }

    /**
     * @param sha256Fingerprint hex, with or without colons, any case
     * @throws IllegalArgumentException when it is not 32 bytes of hex
     */
    public static CertificateTrust pinned(String sha256Fingerprint) {
        return new CertificateTrust(Mode.PINNED, normalize(sha256Fingerprint));
    }

    /**
     * Accepts any certificate, and only when the server is on a loopback address ({@code 127.0.0.0/8},
     * {@code ::1}, {@code localhost}); a login to any other host is refused. Meant for tests.
     */
    public static CertificateTrust insecureTrustAllOnLoopback() {
        return new CertificateTrust(Mode.INSECURE_LOOPBACK_ONLY, null);
    }

    public Mode mode() {
        return mode;
    }

    /** The pinned fingerprint in normal form (upper-case hex pairs with colons), or null. */
    public String fingerprint() {
        return fingerprint;
    }

    /** True when {@code sha256Fingerprint} names the same certificate as {@code other}, in any notation. */
    public static boolean sameFingerprint(String sha256Fingerprint, String other) {
        return normalize(sha256Fingerprint).equals(normalize(other));
    }

    /** Upper-case hex pairs separated by colons. */
    public static String normalize(String sha256Fingerprint) {
        Objects.requireNonNull(sha256Fingerprint, "fingerprint");
        String hex = sha256Fingerprint.replace(":", "").replace(" ", "").trim().toUpperCase(Locale.ROOT);
        if (!hex.matches("[0-9A-F]{64}")) {
            throw new IllegalArgumentException(
                    "Not a SHA-256 fingerprint (expected 32 hex bytes, e.g. AB:CD:...): " + sha256Fingerprint);
        }
        StringBuilder out = new StringBuilder(95);
        for (int i = 0; i < 64; i += 2) {
            if (i > 0) {
                out.append(':');
            }
            out.append(hex, i, i + 2);
        }
        return out.toString();
    }

    @Override
    public String toString() {
        return mode == Mode.PINNED ? "pinned " + fingerprint : mode.name().toLowerCase(Locale.ROOT);
    }
}
