package org.deskplane.modules.api;

import java.time.Instant;

/**
 * A module the host has in its store.
 *
 * @param symbolicName the bundle's symbolic name
 * @param version      its exact version
 * @param sha256       hex SHA-256 of the jar as stored
 * @param size         bytes
 * @param signer       subject of the certificate that signed it
 * @param signerSha256 hex SHA-256 fingerprint of that certificate (policy rules name signers by it or by subject)
 * @param state        where it stands
 * @param message      why it failed or was quarantined; "" otherwise
 * @param storedAt     when it was committed to the store
 */
public record ModuleInfo(String symbolicName, String version, String sha256, long size, String signer,
        String signerSha256, ModuleState state, String message, Instant storedAt) {

    public String id() {
        return symbolicName + "/" + version;
    }
}
