package org.deskplane.modules.trust.internal;

import java.security.cert.X509Certificate;
import java.util.List;

/**
 * A jar whose every entry verified against its signature, all by the same signers; whether those signers are
 * trusted is {@link ChainValidation}'s question.
 *
 * @param symbolicName the manifest's Bundle-SymbolicName (without directives)
 * @param signerChains each signer's certificate chain as the jar carries it, signer certificate first
 */
record SignedJar(String symbolicName, List<List<X509Certificate>> signerChains) {

    SignedJar {
        signerChains = List.copyOf(signerChains.stream().map(List::copyOf).toList());
    }
}
