package org.deskplane.modules.api;

import java.time.Instant;

/**
 * Who signed a verified jar.
 *
 * @param subject      the signer certificate's subject
 * @param sha256       the signer certificate's SHA-256 fingerprint (hex)
 * @param anchorAlias  the trust store entry the chain ends at
 * @param notAfter     when the signer certificate expires
 */
public record SignerInfo(String subject, String sha256, String anchorAlias, Instant notAfter) {
}
