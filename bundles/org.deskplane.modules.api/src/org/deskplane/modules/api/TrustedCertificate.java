package org.deskplane.modules.api;

import java.time.Instant;

/** A certificate in Deskplane's module trust store. */
public record TrustedCertificate(String alias, String subject, String issuer, Instant notBefore, Instant notAfter,
        String sha256) {
}
