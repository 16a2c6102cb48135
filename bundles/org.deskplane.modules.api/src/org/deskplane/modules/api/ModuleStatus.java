package org.deskplane.modules.api;

/** The outcome of a module request, as the guest and the administrator see it. Stable names: they go on the wire. */
public enum ModuleStatus {
    /** Done. */
    OK,
    /** Query: no module of that symbolic name is present. */
    NOT_FOUND,
    /** Query: the symbolic name is present, but no version in the asked range. */
    OTHER_VERSIONS,
    /** Policy does not allow this verb, signer or module for this VM. */
    DENIED,
    /** The jar has no signature, or some entry is not signed. */
    UNSIGNED,
    /** A signed entry does not match its digest, or the manifest was changed after signing. */
    TAMPERED,
    /** The signer's chain does not end at a certificate in Deskplane's trust store. */
    UNTRUSTED_SIGNER,
    /** A certificate of the signer's chain is expired or not yet valid. */
    EXPIRED,
    /** An upload's bytes do not match its declared size or SHA-256. */
    CHECKSUM_MISMATCH,
    /** Bigger than the host accepts. */
    TOO_LARGE,
    /** Not a bundle, a malformed request, or a name/version/range that does not parse. */
    INVALID,
    /** The configuration setting is not on the administrator's whitelist. */
    NOT_WHITELISTED,
    /** The module threw while starting, or could not be resolved against what the region grants. */
    ACTIVATION_FAILED,
    /** The module did not finish starting in time; it is quarantined. */
    ACTIVATION_TIMEOUT,
    /** The request conflicts with the current state (e.g. replacing a version that is not loaded). */
    CONFLICT,
    /** Too many requests or uploads at once; try again later. */
    BUSY,
    /** Anything else; the message says what. */
    FAILED;

    public boolean ok() {
        return this == OK;
    }
}
