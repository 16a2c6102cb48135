package org.deskplane.modules.trust.internal;

import java.util.Locale;

/**
 * Which jar entries belong to the signature itself and therefore are not (and cannot be) signed: the manifest and
 * the signature files and blocks directly in META-INF — the same rule the JDK's jar verifier applies.
 */
final class SignatureEntries {

    static final String MANIFEST = "META-INF/MANIFEST.MF";
    private static final String META_INF = "META-INF/";

    private SignatureEntries() {
    }

    static boolean isSignatureRelated(String name) {
        String upper = name.toUpperCase(Locale.ROOT);
        if (!upper.startsWith(META_INF) || upper.indexOf('/', META_INF.length()) >= 0) {
            return false;
        }
        String file = upper.substring(META_INF.length());
        return upper.equals(MANIFEST) || isSignatureFile(upper) || file.endsWith(".RSA") || file.endsWith(".DSA")
                || file.endsWith(".EC") || file.startsWith("SIG-");
    }

    /** The {@code .SF} files: a jar without one carries no signature at all. */
    static boolean isSignatureFile(String name) {
        String upper = name.toUpperCase(Locale.ROOT);
        return upper.startsWith(META_INF) && upper.indexOf('/', META_INF.length()) < 0 && upper.endsWith(".SF");
    }
}
