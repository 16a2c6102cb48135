package org.deskplane.workbench.internal;

import java.net.URI;

/** What a login needs: where, who, the password (cleared after use), and a fingerprint to pin if known. */
record LoginRequest(URI serverUrl, String username, char[] password, String pinnedFingerprint,
        boolean insecureTrustAllOnLoopback) {
}
