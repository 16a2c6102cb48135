package org.deskplane.client;

import java.time.Instant;

/**
 * The certificate a server presented, in the form a person compares before trusting it.
 *
 * @param sha256Fingerprint upper-case hex pairs separated by colons, as {@code keytool -list} prints it
 * @param trustedBySystem   true when the JVM's default trust store accepts it (a CA-signed certificate)
 */
public record ServerCertificate(String sha256Fingerprint, String subject, String issuer, Instant notAfter,
        boolean trustedBySystem) {
}
