package org.deskplane.bundles.internal;

import java.util.List;

import org.deskplane.bundles.api.BundleOperationException;
import org.deskplane.bundles.api.BundleOperationException.Kind;
import org.deskplane.bundles.api.BundleVerifier;

/** Runs every registered verifier on a jar; the first refusal wins. A verifier that crashes also refuses. */
final class VerifierChain {
    private VerifierChain() {
    }

    static void verify(List<BundleVerifier> verifiers, BundleJar jar) {
        for (BundleVerifier verifier : verifiers) {
            try {
                verifier.verify(jar.symbolicName(), jar.version(), jar.path());
            } catch (BundleOperationException e) {
                if (e.kind() == Kind.VERIFICATION_FAILED) {
                    throw e;
                }
                throw new BundleOperationException(Kind.VERIFICATION_FAILED,
                        jar.symbolicName() + " " + jar.version() + " refused: " + e.getMessage(), e);
            } catch (RuntimeException e) {
                // fail closed: a broken verifier must not let jars through
                throw new BundleOperationException(Kind.VERIFICATION_FAILED, "verifier "
                        + verifier.getClass().getName() + " failed on " + jar.symbolicName() + ": " + e, e);
            }
        }
    }
}
