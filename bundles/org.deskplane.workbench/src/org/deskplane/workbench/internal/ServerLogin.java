package org.deskplane.workbench.internal;

import java.util.Arrays;

import org.deskplane.client.CertificateTrust;
import org.deskplane.client.ServerConnection;
import org.deskplane.security.api.AuthenticationException;

/** Logs in with the trust the request asks for, or else the fingerprint the user trusted before. */
final class ServerLogin {

    private final TrustedCertificates trusted;

    ServerLogin(TrustedCertificates trusted) {
        this.trusted = trusted;
    }

    /** @throws org.deskplane.client.UntrustedCertificateException when the user has to decide about trust */
    ServerConnection login(LoginRequest request) throws AuthenticationException {
        try {
            return ServerConnection.login(request.serverUrl(), trustFor(request), request.username(),
                    request.password());
        } finally {
            Arrays.fill(request.password(), '\0');
        }
    }

    void rememberTrust(LoginRequest request, String fingerprint) throws java.io.IOException {
        trusted.trust(request.serverUrl(), fingerprint);
    }

    private CertificateTrust trustFor(LoginRequest request) {
        if (request.insecureTrustAllOnLoopback()) {
            return CertificateTrust.insecureTrustAllOnLoopback();
        }
        if (request.pinnedFingerprint() != null) {
            return CertificateTrust.pinned(request.pinnedFingerprint());
        }
        return trusted.fingerprintFor(request.serverUrl()).map(CertificateTrust::pinned)
                .orElseGet(CertificateTrust::system);
    }
}
